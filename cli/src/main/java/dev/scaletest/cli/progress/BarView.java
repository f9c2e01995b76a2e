package dev.scaletest.cli.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A progress bar per phase for an interactive terminal; traffic, which has no end count, prints
 * plain lines.
 */
public final class BarView implements ProgressView {

    private final PrintStream out;
    private final PlainView lines;
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final Map<String, PhaseStatus> latest = new HashMap<>();
    private long lastTrafficLine = -1;

    public BarView(PrintStream out) {
        this.out = out;
        this.lines = new PlainView(out);
    }

    @Override
    public void phase(PhaseStatus status) {
        latest.put(status.phase(), status);
        ProgressBar bar = bars.computeIfAbsent(status.phase(), phase -> new ProgressBarBuilder()
                .setTaskName(phase)
                .setInitialMax(status.counts().total())
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(500)
                .showSpeed(new DecimalFormat("0.0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setEtaFunction(state -> Optional.ofNullable(latest.get(phase)).flatMap(PhaseStatus::eta))
                .build());
        bar.maxHint(status.counts().total());
        bar.stepTo(status.counts().done());
        bar.setExtraMessage(", " + status.counts().failed() + " failed");
        if (status.finished()) {
            bar.close();
            bars.remove(status.phase());
            latest.remove(status.phase());
        }
    }

    @Override
    public void traffic(TrafficStatus status) {
        // Bars redraw every second; a traffic line that often would scroll the bars away.
        long now = status.elapsed().toNanos();
        if (status.finished() || lastTrafficLine < 0 || now - lastTrafficLine >= LiveProgress.LINE_INTERVAL.toNanos()) {
            lastTrafficLine = now;
            lines.traffic(status);
        }
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
