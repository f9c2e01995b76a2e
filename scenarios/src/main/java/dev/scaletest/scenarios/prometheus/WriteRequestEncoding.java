package dev.scaletest.scenarios.prometheus;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Remote write 1.0's {@code prometheus.WriteRequest} in protobuf's wire format, written with
 * protobuf's own encoder. The field numbers are the spec's ({@code prompb/remote.proto} and
 * {@code prompb/types.proto}): a request holds time series, each with its labels and samples.
 */
final class WriteRequestEncoding {
    private static final int WRITE_REQUEST_TIMESERIES = 1;
    private static final int TIMESERIES_LABELS = 1;
    private static final int TIMESERIES_SAMPLES = 2;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private WriteRequestEncoding() {}

    /** One series per sample, each with one sample at {@code timestampMillis}. */
    static byte[] encode(List<Sample> samples, long timestampMillis) {
        return message(out -> {
            for (Sample sample : samples) {
                out.writeByteArray(WRITE_REQUEST_TIMESERIES, timeSeries(sample, timestampMillis));
            }
        });
    }

    private static byte[] timeSeries(Sample sample, long timestampMillis) {
        return message(out -> {
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                out.writeByteArray(TIMESERIES_LABELS, message(l -> {
                    l.writeString(LABEL_NAME, label.getKey());
                    l.writeString(LABEL_VALUE, label.getValue());
                }));
            }
            out.writeByteArray(TIMESERIES_SAMPLES, message(s -> {
                s.writeDouble(SAMPLE_VALUE, sample.value());
                s.writeInt64(SAMPLE_TIMESTAMP, timestampMillis);
            }));
        });
    }

    /** An embedded message is written as a length-delimited field holding its own encoding. */
    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encode a remote-write request", e);
        }
        return bytes.toByteArray();
    }
}
