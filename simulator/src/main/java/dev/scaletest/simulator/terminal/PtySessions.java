package dev.scaletest.simulator.terminal;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The live reconnecting PTYs, by agent and reconnect id. */
final class PtySessions {

    record Key(UUID agentId, UUID reconnect) {}

    private final ConcurrentHashMap<Key, PtySession> sessions = new ConcurrentHashMap<>();

    PtySession getOrCreate(Key key, Function<Key, PtySession> create) {
        return sessions.computeIfAbsent(key, create);
    }

    void remove(Key key, PtySession session) {
        sessions.remove(key, session);
    }

    int size() {
        return sessions.size();
    }
}
