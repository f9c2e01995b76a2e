package dev.scaletest.simulator;

import java.util.concurrent.atomic.LongAdder;

/** Counters every part of the simulator bumps; read by {@code /sim/stats}, tests and benchmarks. */
public final class SimulatorStats {
    public final LongAdder connectionsOpen = new LongAdder();
    public final LongAdder webSocketsOpen = new LongAdder();
    public final LongAdder sshSessionsOpen = new LongAdder();
    public final LongAdder bytesReceived = new LongAdder();
    public final LongAdder bytesEchoed = new LongAdder();
    public final LongAdder requests = new LongAdder();
    public final LongAdder faultsInjected = new LongAdder();
    public final LongAdder streamsDropped = new LongAdder();
    /** Requests the API rate limiter refused with 429. */
    public final LongAdder rateLimitedApi = new LongAdder();
    /** Requests the login rate limiter refused with 429. */
    public final LongAdder rateLimitedLogin = new LongAdder();
    /** 428s sent for a bypass header from a user who is not an owner (only while a limiter is on). */
    public final LongAdder bypassRefused = new LongAdder();
    /** Requests authenticated as a non-owner that carried a true bypass header, limiters on or off. */
    public final LongAdder nonOwnerBypassHeaders = new LongAdder();
    /** Terminal and app requests of site owners answered 404 under {@code --disable-owner-workspace-access}. */
    public final LongAdder ownerAccessRefused = new LongAdder();
    /** Path-app requests of site owners on others' workspaces answered 404 by coderd's path-app rule. */
    public final LongAdder pathAppOwnerRefused = new LongAdder();
}
