/**
 * The simulated deployment's state and coderd's rules on it. {@link dev.scaletest.simulator.state.Deployment}
 * is the one public entry: a facade that keeps the API the HTTP layer, the agent endpoints and the
 * tests call, and the one lock (its monitor) over package-private stores, each holding one part:
 * {@code UserDirectory} (users, sessions, roles), {@code TokenIssuer} (API-token rules over
 * {@code ApiKeys}), {@code TemplateCatalog} (organization, templates, parameter rules),
 * {@code WorkspaceStore} (workspaces, builds, who sees which), {@code ProvisionerQueue} (jobs,
 * daemons, logs, dry runs) and {@code AgentFleet} (agents and their connect timers). The stores
 * and the entity classes ({@code UserAccount}, {@code WorkspaceState}, {@code BuildState},
 * {@code JobState}, {@code AgentState}) are unsynchronized and touched only under that lock;
 * {@code WireView} renders them as coderd's JSON. Public besides the facade: {@code BuildLogFeed},
 * {@code DeploymentCounts}, {@code SearchQuery} and {@code TemplateParameters}.
 *
 * <p>May import, of the simulator: {@code dev.scaletest.simulator} (options, faults, stats,
 * {@code Distribution}), {@code dev.scaletest.simulator.agent} (the directory it implements) and
 * {@code dev.scaletest.simulator.wire} (JSON shapes, errors, Go formats); never {@code api},
 * {@code terminal}, {@code app}, {@code ssh} or {@code ratelimit}, which sit on top of it. Outside
 * the simulator: Jackson and RE2/J (parameter checks), and nothing of the scaletest client.
 */
package dev.scaletest.simulator.state;
