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
}
