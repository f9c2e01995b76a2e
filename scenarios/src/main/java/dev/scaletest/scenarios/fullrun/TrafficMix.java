package dev.scaletest.scenarios.fullrun;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --traffic-mix terminal=80,ssh=10,app=10}: which share of the workspaces gets which kind of
 * stream. Shares are weights (they need not add up to 100); a mode left out gets none.
 * {@link #assign} splits a number of streams by the largest-remainder rule, so the counts are as
 * near the shares as whole numbers allow and always add up.
 *
 * @param app the app slug {@code app} streams go to ({@code --app})
 */
public record TrafficMix(Map<TrafficMode, Integer> weights, Optional<String> app) {

    /** Every stream through the web terminal. */
    public static final String DEFAULT = "terminal=100";

    public TrafficMix {
        weights = Collections.unmodifiableMap(new EnumMap<>(Objects.requireNonNull(weights, "weights")));
        Objects.requireNonNull(app, "app");
    }

    /** Reads {@code MODE=SHARE[,MODE=SHARE...]}; bad input is a {@link ConfigException} saying what to write. */
    public static TrafficMix parse(String text, Optional<String> app) {
        Map<TrafficMode, Integer> weights = new EnumMap<>(TrafficMode.class);
        String spec = text == null ? "" : text.strip();
        if (spec.isEmpty()) {
            throw problem(spec, "it is empty");
        }
        for (String part : spec.split(",")) {
            String[] pair = part.strip().split("=", -1);
            if (pair.length != 2) {
                throw problem(spec, "\"" + part.strip() + "\" is not MODE=SHARE");
            }
            TrafficMode mode = mode(spec, pair[0].strip());
            if (weights.containsKey(mode)) {
                throw problem(spec, mode + " is given twice");
            }
            weights.put(mode, share(spec, pair[1].strip()));
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw problem(spec, "every share is 0");
        }
        return new TrafficMix(weights, app.map(String::strip).filter(s -> !s.isEmpty()));
    }

    private static TrafficMode mode(String spec, String name) {
        for (TrafficMode mode : TrafficMode.values()) {
            if (mode.flagValue().equals(name)) {
                return mode;
            }
        }
        throw problem(spec, "\"" + name + "\" is not a mode");
    }

    private static int share(String spec, String value) {
        try {
            int share = Integer.parseInt(value);
            if (share >= 0) {
                return share;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw problem(spec, "\"" + value + "\" is not a whole number from 0 up");
    }

    private static ConfigException problem(String spec, String what) {
        return new ConfigException("--traffic-mix \"" + spec + "\": " + what + "; write MODE=SHARE pairs separated by commas, the modes"
                + " terminal, ssh and app, e.g. terminal=80,ssh=10,app=10");
    }

    /** The modes with a share above 0, in {@link TrafficMode} order. */
    public Set<TrafficMode> modes() {
        Set<TrafficMode> modes = EnumSet.noneOf(TrafficMode.class);
        weights.forEach((mode, weight) -> {
            if (weight > 0) {
                modes.add(mode);
            }
        });
        return modes;
    }

    /** An app share needs {@code --app}, and {@code --app} needs an app share. */
    public TrafficMix validate() {
        if (modes().contains(TrafficMode.APP) && app.isEmpty()) {
            throw new ConfigException("--traffic-mix gives app streams a share: name the app with --app SLUG");
        }
        if (!modes().contains(TrafficMode.APP) && app.isPresent()) {
            throw new ConfigException("--app " + app.get() + " is given but --traffic-mix gives app streams no share: add app=SHARE");
        }
        return this;
    }

    /**
     * The mode of each of {@code streams} streams, in {@link TrafficMode} order: each mode gets its
     * share rounded down, and the streams left over go to the modes with the largest remainders
     * (earlier modes first on a tie).
     */
    public List<TrafficMode> assign(int streams) {
        long total = weights.values().stream().mapToLong(Integer::longValue).sum();
        Map<TrafficMode, Integer> counts = new EnumMap<>(TrafficMode.class);
        Map<TrafficMode, Long> remainders = new EnumMap<>(TrafficMode.class);
        int given = 0;
        for (TrafficMode mode : modes()) {
            long exact = (long) streams * weights.get(mode);
            counts.put(mode, (int) (exact / total));
            remainders.put(mode, exact % total);
            given += counts.get(mode);
        }
        List<TrafficMode> byRemainder = new ArrayList<>(modes());
        byRemainder.sort((a, b) -> Long.compare(remainders.get(b), remainders.get(a)));
        for (int i = 0; given < streams; i++, given++) {
            TrafficMode mode = byRemainder.get(i % byRemainder.size());
            counts.merge(mode, 1, Integer::sum);
        }
        List<TrafficMode> assigned = new ArrayList<>(streams);
        counts.forEach((mode, count) -> assigned.addAll(Collections.nCopies(count, mode)));
        return assigned;
    }

    /** {@code terminal=80,ssh=10,app=10}: the mix as the flag writes it. */
    @Override
    public String toString() {
        return weights.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
