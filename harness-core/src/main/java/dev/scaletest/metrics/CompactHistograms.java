package dev.scaletest.metrics;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The latency histograms of one closed interval, kept compressed (a few KB each instead of a
 * counts array over the whole 1 µs..1 h range) and decoded on each read. Packing the same buckets
 * into a {@code PackedHistogram} cost tens of milliseconds per operation at every interval close;
 * encoding costs about one. A read returns a fresh auto-resizing histogram with the same counts,
 * start and end, that the caller may keep or change. Read-only.
 */
final class CompactHistograms extends AbstractMap<String, Histogram> {

    private record Encoded(byte[] bytes, long startMillis, long endMillis) {
        Histogram decode() {
            try {
                Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
                h.setAutoResize(true);
                h.setStartTimeStamp(startMillis);
                h.setEndTimeStamp(endMillis);
                return h;
            } catch (DataFormatException e) {
                throw new IllegalStateException("interval histogram kept in memory does not decode", e);
            }
        }
    }

    private final Map<String, Encoded> encoded;

    private CompactHistograms(Map<String, Encoded> encoded) {
        this.encoded = encoded;
    }

    /** Encodes each histogram, in the map's order, stamped with the interval's start and end. */
    static CompactHistograms of(Map<String, Histogram> histograms, long startMillis, long endMillis) {
        Map<String, Encoded> encoded = new LinkedHashMap<>();
        histograms.forEach((name, h) -> encoded.put(name, new Encoded(encode(h), startMillis, endMillis)));
        return new CompactHistograms(encoded);
    }

    private static byte[] encode(Histogram h) {
        // Sized to the values present, so the header (and a later decode) spans only that range.
        Histogram trimmed = new Histogram(h.getLowestDiscernibleValue(), Math.max(2 * h.getLowestDiscernibleValue(),
                Math.max(h.getMaxValue(), 2)), h.getNumberOfSignificantValueDigits());
        trimmed.setAutoResize(true);
        trimmed.add(h);
        ByteBuffer buffer = ByteBuffer.allocate(trimmed.getNeededByteBufferCapacity());
        int length = trimmed.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public Histogram get(Object key) {
        Encoded e = encoded.get(key);
        return e == null ? null : e.decode();
    }

    @Override
    public boolean containsKey(Object key) {
        return encoded.containsKey(key);
    }

    @Override
    public int size() {
        return encoded.size();
    }

    @Override
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(encoded.keySet());
    }

    @Override
    public Set<Entry<String, Histogram>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Histogram>> iterator() {
                Iterator<Entry<String, Encoded>> it = encoded.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Histogram> next() {
                        Entry<String, Encoded> e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey(), e.getValue().decode());
                    }
                };
            }

            @Override
            public int size() {
                return encoded.size();
            }
        };
    }
}
