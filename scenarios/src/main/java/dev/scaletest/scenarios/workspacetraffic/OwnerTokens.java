package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.CreateTokenRequest;
import dev.scaletest.coder.model.GenerateApiKeyResponse;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.journal.RunJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * {@code --as-workspace-owners}: one short-lived API token per owner of the target workspaces
 * (the caller's own workspaces need none), minted by the site owner before traffic as Coder's own
 * scale tests mint tokens per user, and deleted after it. Each token is journaled before it is
 * asked for and once it exists (name, owner, key id; never the secret), so
 * {@code scaletest cleanup --journal} deletes any left behind; left alone they expire anyway.
 * The tokens only ever travel in traffic connections, which carry no rate-limit bypass header:
 * coderd answers a non-owner's bypass header with 428.
 */
public final class OwnerTokens implements TrafficCredentials, AutoCloseable {
    /** The journal's run field for these tokens. */
    static final String RUN = WorkspaceTrafficScenario.TEST_NAME;
    /** Room beyond the traffic duration: minting every token, connecting, draining and closing. */
    static final Duration LIFETIME_MARGIN = Duration.ofMinutes(10);
    /** Mint requests in flight at once: quick for a thousand owners, gentle on coderd. */
    private static final int PARALLEL_MINTS = 16;

    private record Minted(String ownerName, String keyId, String key) {}

    private final CoderClient admin;
    private final RunJournal journal;
    private final User me;
    private final String callerToken;
    private final String tokenName;
    private final Duration lifetime;
    private final Consumer<String> warnings;
    private final Map<UUID, Minted> byOwner = new ConcurrentHashMap<>();

    /**
     * @param admin       the site owner's client, which mints and deletes
     * @param callerToken the caller's session token, for the caller's own workspaces
     * @param runId       names the tokens {@code scaletest-<run id>}
     * @param traffic     how long traffic lasts; tokens live that long plus {@link #LIFETIME_MARGIN}
     * @param warnings    where the line about tokens that could not be deleted goes (stderr in the CLI)
     */
    public OwnerTokens(CoderClient admin, RunJournal journal, User me, String callerToken, String runId, Duration traffic,
            Consumer<String> warnings) {
        this.admin = admin;
        this.journal = journal;
        this.me = me;
        this.callerToken = callerToken;
        this.tokenName = tokenName(runId);
        this.lifetime = traffic.plus(LIFETIME_MARGIN);
        this.warnings = warnings;
    }

    /** {@code scaletest-<run id>}: one name per run, unique per owner, easy to find in Coder's token list. */
    public static String tokenName(String runId) {
        return "scaletest-" + runId;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Mints a token for every distinct owner of {@code workspaces} other than the caller; returns
     * how many. On failure, the tokens minted so far stay recorded and are deleted by {@link #close()}.
     */
    public int mint(Collection<Workspace> workspaces) throws CoderApiException, InterruptedException {
        Map<UUID, String> owners = new LinkedHashMap<>();
        for (Workspace w : workspaces) {
            if (!me.id().equals(w.ownerId())) {
                owners.putIfAbsent(w.ownerId(), w.ownerName());
            }
        }
        Semaphore inFlight = new Semaphore(PARALLEL_MINTS);
        List<Future<?>> mints = new ArrayList<>(owners.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<UUID, String> owner : owners.entrySet()) {
                mints.add(pool.submit(() -> {
                    inFlight.acquire();
                    try {
                        mintFor(owner.getKey(), owner.getValue());
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> mint : mints) {
                try {
                    mint.get();
                } catch (ExecutionException e) {
                    mints.forEach(m -> m.cancel(true));
                    throw rethrown(e.getCause());
                }
            }
        }
        return owners.size();
    }

    private void mintFor(UUID owner, String ownerName) throws CoderApiException, InterruptedException, IOException {
        journal.apiKeyIntent(RUN, tokenName, ownerName);
        GenerateApiKeyResponse minted = admin.createToken(owner.toString(), CreateTokenRequest.of(lifetime, tokenName));
        byOwner.put(owner, new Minted(ownerName, minted.keyId(), minted.key()));
        journal.apiKeyCreated(RUN, tokenName, ownerName, minted.keyId());
    }

    private static RuntimeException rethrown(Throwable cause) throws CoderApiException, InterruptedException {
        if (cause instanceof CoderApiException e) {
            throw e;
        }
        if (cause instanceof InterruptedException e) {
            throw e;
        }
        if (cause instanceof IOException e) {
            return new UncheckedIOException("cannot write the run journal: " + e.getMessage(), e);
        }
        return cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
    }

    @Override
    public String tokenFor(TrafficTarget target) {
        UUID owner = target.workspace().ownerId();
        if (me.id().equals(owner)) {
            return callerToken;
        }
        Minted minted = byOwner.get(owner);
        if (minted == null) {
            throw new IllegalStateException("no API token was minted for " + target.ownerName() + ", owner of " + target.label());
        }
        return minted.key();
    }

    /**
     * Deletes every token minted and journals each deletion; one already gone (expired and purged,
     * or its user deleted) counts as deleted. A token that cannot be deleted stays in the journal
     * for {@code scaletest cleanup --journal} and is reported on one line. Safe to call twice.
     */
    @Override
    public void close() {
        int failed = 0;
        String firstFailure = null;
        for (Map.Entry<UUID, Minted> entry : List.copyOf(byOwner.entrySet())) {
            Minted minted = entry.getValue();
            try {
                try {
                    admin.deleteApiKey(entry.getKey().toString(), minted.keyId());
                } catch (CoderApiException e) {
                    if (!e.gone()) {
                        throw e;
                    }
                }
                byOwner.remove(entry.getKey());
                journal.apiKeyDeleted(RUN, tokenName, minted.ownerName(), minted.keyId());
            } catch (IOException e) {
                failed++;
                firstFailure = firstFailure == null ? minted.ownerName() + ": " + e.getMessage() : firstFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed += byOwner.size();
                firstFailure = firstFailure == null ? "interrupted" : firstFailure;
                break;
            }
        }
        if (failed > 0) {
            warnings.accept("scaletest: could not delete " + failed + " API token(s) named " + tokenName + " (" + firstFailure
                    + "); they expire on their own, or remove them with: scaletest cleanup --journal " + journal.directory());
        }
    }
}
