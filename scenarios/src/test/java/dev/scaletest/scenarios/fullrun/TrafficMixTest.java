package dev.scaletest.scenarios.fullrun;

import static dev.scaletest.scenarios.workspacetraffic.TrafficMode.APP;
import static dev.scaletest.scenarios.workspacetraffic.TrafficMode.SSH;
import static dev.scaletest.scenarios.workspacetraffic.TrafficMode.TERMINAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficMixTest {
    private static TrafficMix mix(String text) {
        return TrafficMix.parse(text, Optional.of("echo"));
    }

    private static Map<TrafficMode, Integer> counts(List<TrafficMode> modes) {
        return Map.of(TERMINAL, Collections.frequency(modes, TERMINAL), SSH, Collections.frequency(modes, SSH), APP,
                Collections.frequency(modes, APP));
    }

    @Test
    void sharesSplitTheStreamsExactlyWhenTheyDivide() {
        List<TrafficMode> modes = mix("terminal=80,ssh=10,app=10").assign(200);
        assertEquals(200, modes.size());
        assertEquals(Map.of(TERMINAL, 160, SSH, 20, APP, 20), counts(modes));
        assertEquals(List.of(TERMINAL, TERMINAL), modes.subList(0, 2), "in mode order");
        assertEquals(APP, modes.getLast());
    }

    @Test
    void leftoversGoToTheLargestRemaindersAndTheCountsAlwaysAddUp() {
        // 7 x 80/100 = 5.6, 7 x 10/100 = 0.7 twice: 5 + 0 + 0, then the two leftovers go to ssh and app (0.7 beats 0.6).
        assertEquals(Map.of(TERMINAL, 5, SSH, 1, APP, 1), counts(mix("terminal=80,ssh=10,app=10").assign(7)));
        assertEquals(Map.of(TERMINAL, 1, SSH, 0, APP, 0), counts(mix("terminal=80,ssh=10,app=10").assign(1)));
        assertEquals(Map.of(TERMINAL, 2, SSH, 1, APP, 0), counts(mix("terminal=1,ssh=1").assign(3)), "earlier modes win a tie");
        for (int n = 0; n < 50; n++) {
            assertEquals(n, mix("terminal=3,ssh=3,app=1").assign(n).size());
        }
    }

    @Test
    void sharesAreWeightsAndAZeroShareIsNoMode() {
        TrafficMix mix = mix("ssh=1, app=3, terminal=0");
        assertEquals(Set.of(SSH, APP), mix.modes());
        assertEquals(Map.of(TERMINAL, 0, SSH, 1, APP, 3), counts(mix.assign(4)));
        assertEquals("terminal=0,ssh=1,app=3", mix.toString());
    }

    @Test
    void badMixesSayWhatToWrite() {
        for (String bad : List.of("", "terminal", "terminal=x", "web=1", "ssh=1,ssh=1", "ssh=0", "terminal=-3")) {
            ConfigException e = assertThrows(ConfigException.class, () -> mix(bad), bad);
            assertEquals(1, e.getMessage().lines().count());
            assertEquals(true, e.getMessage().endsWith("e.g. terminal=80,ssh=10,app=10"), e.getMessage());
        }
    }

    @Test
    void anAppShareAndTheAppSlugGoTogether() {
        assertThrows(ConfigException.class, () -> TrafficMix.parse("app=1", Optional.empty()).validate());
        assertThrows(ConfigException.class, () -> TrafficMix.parse("terminal=1", Optional.of("echo")).validate());
        assertEquals(Optional.of("echo"), mix("app=1").validate().app());
    }
}
