/**
 * Coder's REST API as scaletest uses it.
 *
 * <p>One {@link dev.scaletest.coder.CoderHttpClients} per process (it owns a few JDK HTTP
 * clients); one {@link dev.scaletest.coder.CoderClient} per run and identity, built on the pool's
 * next HTTP client so runs spread their connections:
 *
 * <pre>{@code
 * try (CoderHttpClients pool = CoderHttpClients.create(endpoint.insecureSkipVerify())) {
 *     CoderClient admin = pool.clientFor(endpoint).bypassRateLimit(true).build();
 *     User me = OwnerCheck.requireSiteOwner(admin);
 *     Template t = new TemplateResolver(admin).resolve("docker", me);
 *     // per run:
 *     CoderClient runner = pool.clientFor(endpoint).bypassRateLimit(true)
 *             .latency((route, nanos) -> ...).requestLog(runLog::debug).build();
 *     User u = runner.createUser(CreateUserRequest.passwordUser(email, username, password, org));
 *     CoderClient asUser = runner.withToken(runner.login(email, password).sessionToken())
 *             .withBypassRateLimit(false);
 * }
 * }</pre>
 *
 * <p>Failures are {@link dev.scaletest.coder.CoderApiException}s whose message is what Coder's CLI
 * would print and whose {@link dev.scaletest.coder.CoderApiException#errorClass()} groups them
 * for reports. Checks before a run ({@link dev.scaletest.coder.OwnerCheck},
 * {@link dev.scaletest.coder.TemplateResolver}) fail with {@link dev.scaletest.coder.CoderSetupException}.
 */
package dev.scaletest.coder;
