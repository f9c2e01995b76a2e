# The template RealCoderdE2ETest pushes to a real coderd: one container per workspace, made by
# coderd's built-in provisioners through the Docker socket mounted into coderd, on the test's
# Docker network so the agent reaches coderd by its network alias (the access URL).
terraform {
  required_providers {
    coder = {
      source  = "coder/coder"
      version = "~> 2.13"
    }
    docker = {
      source  = "kreuzwerker/docker"
      version = "~> 3.6"
    }
  }
}

variable "docker_network" {
  type        = string
  description = "The Docker network coderd is on; the workspace joins it to reach the access URL."
}

variable "workspace_image" {
  type        = string
  description = "The workspace's image: it needs a shell and curl for the agent's init script."
}

data "coder_provisioner" "me" {}
data "coder_workspace" "me" {}
data "coder_workspace_owner" "me" {}

resource "coder_agent" "main" {
  arch = data.coder_provisioner.me.arch
  os   = "linux"
}

resource "docker_container" "workspace" {
  count      = data.coder_workspace.me.start_count
  image      = var.workspace_image
  name       = "scaletest-realcoderd-${lower(data.coder_workspace_owner.me.name)}-${lower(data.coder_workspace.me.name)}"
  hostname   = data.coder_workspace.me.name
  entrypoint = ["sh", "-c", coder_agent.main.init_script]
  env        = ["CODER_AGENT_TOKEN=${coder_agent.main.token}"]
  networks_advanced {
    name = var.docker_network
  }
  labels {
    label = "dev.scaletest.realcoderd"
    value = var.docker_network
  }
}
