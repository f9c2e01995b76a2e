package dev.scaletest.ssh;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** How the TCP part of an SSH connection is made: a direct socket or a proxy command's stdin/stdout. */
public sealed interface SshRoute {

    /** A direct TCP connection to {@code host:port}. */
    static Direct direct(String host, int port) {
        return new Direct(host, port);
    }

    /**
     * A proxy command such as {@code coder ssh --stdio {workspace}}, run by {@code /bin/sh -c}, whose
     * stdin/stdout carry the SSH connection (OpenSSH's ProxyCommand). The template may use the
     * {@link ProxyCommand#PLACEHOLDERS}; {@code {host}} is the workspace name and {@code {port}} 22.
     */
    static ProxyCommand proxyCommand(String template, String workspace) {
        return new ProxyCommand(template, null, workspace, null, 0, Map.of());
    }

    /**
     * A proxy command with the host and port for {@code {host}}/{@code {port}}; known_hosts is then
     * searched for that host and port (as OpenSSH does for %h/%p).
     */
    static ProxyCommand proxyCommand(String template, String workspace, String host, int port) {
        return new ProxyCommand(template, null, workspace, host, port, Map.of());
    }

    /** The host name and port the server's key is listed under in known_hosts. */
    String hostKeyName();

    int hostKeyPort();

    /** A short label for messages, without the user. */
    String label();

    record Direct(String host, int port) implements SshRoute {
        public Direct {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("SSH host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SSH port must be 1..65535, got " + port);
            }
        }

        @Override
        public String hostKeyName() {
            return host;
        }

        @Override
        public int hostKeyPort() {
            return port;
        }

        @Override
        public String label() {
            return host + ":" + port;
        }
    }

    /**
     * @param owner       the workspace owner's user name for {@code {owner}}; optional ({@code null})
     *                    unless the template uses it
     * @param host        optional ({@code null}) host for {@code {host}} and the known_hosts lookup;
     *                    the workspace name when absent (what OpenSSH's %h is for {@code ssh <workspace>})
     * @param port        optional (0) port for {@code {port}} and the known_hosts lookup; 22 when absent
     * @param environment variables added to the command's environment (e.g. Coder's
     *                    {@code CODER_DISABLE_DIRECT_CONNECTIONS})
     */
    record ProxyCommand(String template, String owner, String workspace, String host, int port,
            Map<String, String> environment) implements SshRoute {
        /** Every placeholder a proxy command may use; {@code {user}} is the SSH user name. */
        public static final List<String> PLACEHOLDERS = List.of("owner", "workspace", "user", "host", "port");
        private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._@%+=:,/-]+");

        public ProxyCommand {
            if (template == null || template.isBlank()) {
                throw new IllegalArgumentException("proxy command must not be empty");
            }
            if (template(template).uses("owner") && (owner == null || owner.isBlank())) {
                throw new IllegalArgumentException("proxy command uses {owner} but no owner is given: " + template);
            }
            if (workspace == null || workspace.isBlank()) {
                throw new IllegalArgumentException("proxy command needs a workspace name");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("proxy port must be 0..65535, got " + port);
            }
            environment = Map.copyOf(environment);
        }

        /**
         * Checks a template's placeholders.
         *
         * @throws IllegalArgumentException naming an unknown placeholder and the known ones
         */
        public static PlaceholderTemplate template(String text) {
            return new PlaceholderTemplate(text, PLACEHOLDERS);
        }

        /** The same command with these variables added to its environment. */
        public ProxyCommand withEnvironment(Map<String, String> variables) {
            Map<String, String> all = new HashMap<>(environment);
            all.putAll(variables);
            return new ProxyCommand(template, owner, workspace, host, port, all);
        }

        /** The shell command line with placeholders replaced; values are shell-quoted when needed. */
        public String commandLine(String user) {
            Map<String, String> values = new HashMap<>();
            if (owner != null) {
                values.put("owner", quote(owner));
            }
            values.put("workspace", quote(workspace));
            values.put("user", quote(Objects.requireNonNullElse(user, "")));
            values.put("host", quote(hostKeyName()));
            values.put("port", Integer.toString(hostKeyPort()));
            return template(template).expand(values);
        }

        @Override
        public String hostKeyName() {
            return host != null ? host : workspace;
        }

        @Override
        public int hostKeyPort() {
            return port == 0 ? 22 : port;
        }

        @Override
        public String label() {
            return workspace + " via proxy command";
        }

        private static String quote(String value) {
            if (SHELL_SAFE.matcher(value).matches()) {
                return value;
            }
            return "'" + value.replace("'", "'\"'\"'") + "'";
        }
    }
}
