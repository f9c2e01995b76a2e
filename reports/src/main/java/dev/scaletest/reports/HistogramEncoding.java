package dev.scaletest.reports;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's compressed form in base64: lossless, so histograms from several reports add
 * exactly.
 */
public final class HistogramEncoding {
    private HistogramEncoding() {}

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes a histogram; {@code where} names the field for the error message. */
    public static Histogram decode(String base64, String where) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (IllegalArgumentException | DataFormatException e) {
            throw new IllegalArgumentException("invalid histogram in " + where + ": " + e.getMessage(), e);
        }
    }

    /** A new histogram holding the sum of all given ones (which stay untouched). */
    public static Histogram sum(Iterable<Histogram> histograms) {
        Histogram total = null;
        for (Histogram h : histograms) {
            if (total == null) {
                total = new Histogram(h.getNumberOfSignificantValueDigits());
                total.setAutoResize(true);
            }
            total.add(h);
        }
        if (total == null) {
            total = new Histogram(3);
            total.setAutoResize(true);
        }
        return total;
    }
}
