package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardTest {

    @Test
    void parsesIndexSlashCount() {
        assertEquals(new Shard(0, 4), Shard.parse("0/4"));
        assertEquals(new Shard(3, 4), Shard.parse(" 3/4 "));
        assertEquals(new Shard(0, 1), Shard.parse("0/1"));
        assertEquals("2/5", Shard.parse("2/5").spec());
        assertEquals("shard 3 of 5", Shard.parse("2/5").label(), "1-based for people");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3/2    | --shard 3/2: index 3 is not below the count 2 (indexes run from 0 to 1)",
        "2/2    | --shard 2/2: index 2 is not below the count 2 (indexes run from 0 to 1)",
        "0/0    | --shard 0/0: the count must be at least 1",
        "1/-4   | --shard 1/-4: the count must be at least 1",
        "-1/4   | --shard -1/4: the index must not be negative (indexes count from 0)",
        "x      | --shard \"x\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
        "1/     | --shard \"1/\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
        "1/2/3  | --shard \"1/2/3\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
        "1.5/4  | --shard \"1.5/4\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
        "99999999999/4 | --shard \"99999999999/4\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
    })
    void badSpecsAreOneLineSayingWhatToWrite(String spec, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(spec));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anEmptySpecIsBadToo() {
        assertEquals("--shard \"\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)",
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("")).getMessage());
    }

    @Test
    void theRecordRefusesWhatParseRefuses() {
        assertEquals("shard 4/4: index 4 is not below the count 4 (indexes run from 0 to 3)",
                assertThrows(IllegalArgumentException.class, () -> new Shard(4, 4)).getMessage());
    }

    @Test
    void resolvesFromTheFlagTheCountAndTheCompletionIndex() {
        assertEquals(Optional.empty(), Shard.resolve(null, null, null), "nothing set: the whole run");
        assertEquals(Optional.empty(), Shard.resolve(null, null, "3"), "no count: the completion index is ignored");
        assertEquals(Optional.of(new Shard(3, 4)), Shard.resolve(null, 4, "3"), "Indexed Job");
        assertEquals(Optional.of(new Shard(1, 4)), Shard.resolve("1/4", null, "3"), "--shard wins over the index");
        assertEquals(Optional.of(new Shard(1, 4)), Shard.resolve("1/4", 4, "3"), "an agreeing count is fine");
        assertEquals(Optional.of(new Shard(0, 1)), Shard.resolve(null, 1, "0"));
    }

    @Test
    void resolutionProblemsNameTheirSource() {
        assertEquals("--shard 1/4 and a shard count of 3 (--shard-count or CODER_SCALETEST_SHARD_COUNT) disagree: give one count",
                assertThrows(IllegalArgumentException.class, () -> Shard.resolve("1/4", 3, null)).getMessage());
        assertEquals("a shard count of 4 needs this process's index: pass --shard INDEX/4, or run in a Kubernetes "
                + "Indexed Job, which sets JOB_COMPLETION_INDEX",
                assertThrows(IllegalArgumentException.class, () -> Shard.resolve(null, 4, null)).getMessage());
        assertEquals("JOB_COMPLETION_INDEX=4 with a shard count of 4: index 4 is not below the count 4 (indexes run "
                + "from 0 to 3) (the Job's completions and the shard count must match)",
                assertThrows(IllegalArgumentException.class, () -> Shard.resolve(null, 4, "4")).getMessage());
        assertEquals("JOB_COMPLETION_INDEX \"two\" is not a number",
                assertThrows(IllegalArgumentException.class, () -> Shard.resolve(null, 4, "two")).getMessage());
        assertEquals("shard count 0 (--shard-count or CODER_SCALETEST_SHARD_COUNT): the count must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> Shard.resolve(null, 0, "0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shard.resolve("3/2", null, null));
    }

    @ParameterizedTest
    @CsvSource({"10,4", "10000,4", "3,5", "0,3", "1,1", "7,7", "100,3", "2147483647,7"})
    void runSlicesAreContiguousBalancedAndCoverEveryRunOnce(int total, int count) {
        int next = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 0; i < count; i++) {
            Shard.Slice slice = new Shard(i, count).runs(total);
            assertEquals(next, slice.from(), "shard " + i + " starts where the last ended");
            next = slice.to();
            smallest = Math.min(smallest, slice.size());
            largest = Math.max(largest, slice.size());
        }
        assertEquals(total, next, "every run is in some slice");
        assertTrue(largest - smallest <= 1, "balanced: " + smallest + ".." + largest);
    }

    @Test
    void runSlicesKeepTheGlobalRunNumbers() {
        Shard.Slice second = new Shard(1, 4).runs(10);
        assertEquals(new Shard.Slice(2, 5), second);
        assertEquals(List.of(2, 3, 4), second.runs().boxed().toList());
        assertTrue(second.contains(2) && second.contains(4));
        assertFalse(second.contains(5) || second.contains(1));
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 2).runs(-1));
    }

    @Test
    void keysBelongToExactlyOneShardAndTheShardsShareThemOut() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        int count = 4;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Shard shard = new Shard(i, count);
            List<String> mine = shard.select(ids, id -> id);
            for (String id : mine) {
                assertTrue(seen.add(id), id + " owned twice");
                assertEquals(i, Shard.ownerOf(id, count));
            }
            assertTrue(mine.size() > 2_300 && mine.size() < 2_700, "about a quarter: " + mine.size());
            assertEquals(mine.stream().sorted().toList(), mine, "in key order");
        }
        assertEquals(ids.size(), seen.size(), "together the shards cover every key");
    }

    @Test
    void ownershipDependsOnTheKeyAloneNotOnWhatElseWasListed() {
        Shard shard = new Shard(2, 3);
        List<String> all = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        List<String> mine = shard.select(all, s -> s);
        List<String> fewer = shard.select(all.subList(3, 10), s -> s);
        assertEquals(mine.stream().filter(fewer::contains).toList(), fewer);
        assertTrue(mine.containsAll(fewer));
    }

    @Test
    void theHashIsFixedSoEveryProcessAndReleaseAgrees() {
        // SHA-256("workspace-1") is 484d4f88b59b95fc...: its first 8 bytes mod 7. Pinned so a change of rule shows here.
        assertEquals((int) Long.remainderUnsigned(0x484d_4f88_b59b_95fcL, 7), Shard.ownerOf("workspace-1", 7));
        assertEquals(0, Shard.ownerOf("anything", 1));
        assertTrue(new Shard(0, 1).owns("anything"));
    }
}
