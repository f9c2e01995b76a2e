package dev.scaletest.cli.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scaletest.scenarios.run.TrafficSample;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** One JSON object per line, for tools that follow a run. */
public final class JsonView implements ProgressView {

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public JsonView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phase(PhaseStatus status) {
        ObjectNode line = json.createObjectNode();
        line.put("type", "phase");
        line.put("phase", status.phase());
        line.put("total", status.counts().total());
        line.put("done", status.counts().done());
        line.put("failed", status.counts().failed());
        line.put("per_second", round(status.perSecond(), 3));
        if (status.eta().isPresent()) {
            line.put("eta_seconds", status.eta().get().toSeconds());
        } else {
            line.putNull("eta_seconds");
        }
        line.put("elapsed_seconds", round(status.elapsed().toNanos() / 1e9, 3));
        line.put("finished", status.finished());
        print(line);
    }

    @Override
    public void traffic(TrafficStatus status) {
        TrafficSample sample = status.sample();
        ObjectNode line = json.createObjectNode();
        line.put("type", "traffic");
        line.put("phase", status.phase());
        line.put("streams", status.streams());
        line.put("bytes_planned", sample.bytesPlanned());
        line.put("bytes_delivered", sample.bytesDelivered());
        line.put("bytes_per_second", round(status.bytesPerSecond(), 1));
        if (Double.isNaN(status.deliveryPercent())) {
            line.putNull("delivery_percent");
        } else {
            line.put("delivery_percent", round(status.deliveryPercent(), 3));
        }
        line.put("p95_echo_rtt_ms", round(sample.p95EchoRtt().toNanos() / 1e6, 3));
        line.put("errors", sample.errors());
        line.put("elapsed_seconds", round(status.elapsed().toNanos() / 1e9, 3));
        line.put("finished", status.finished());
        print(line);
    }

    private void print(ObjectNode line) {
        try {
            out.println(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
