package dev.djinn.kernel.history;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionHistoryTest {
    private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

    @TempDir
    Path dir;

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).collect(Collectors.toList());
    }

    @Test
    void tailReturnsTheLastCellsOldestFirst() {
        SessionHistory history = new SessionHistory(null);
        history.record(1, "a", null);
        history.record(2, "b", null);
        history.record(3, "c", "3");
        assertEquals(List.of("b", "c"), inputs(history.lookupTail(2, NONE)));
        assertNull(history.lookupTail(1, NONE).get(0).getOutput());
        assertEquals("3", history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
        assertEquals("", history.lookupTail(3, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }

    @Test
    void rangeIsBySessionWithAnExclusiveStop() {
        SessionHistory history = new SessionHistory(null);
        for (int cell = 1; cell <= 5; cell++) {
            history.record(cell, "cell " + cell, null);
        }
        assertEquals(List.of("cell 2", "cell 3"), inputs(history.lookupRange(history.session(), 2, 4, NONE)));
        assertEquals(List.of("cell 2", "cell 3"), inputs(history.lookupRange(0, 2, 4, NONE)), "0 means this session");
        assertEquals(List.of(), inputs(history.lookupRange(history.session() + 1, 1, 9, NONE)));
    }

    @Test
    void searchUsesGlobsAndCanKeepOnlyUniqueInputs() {
        SessionHistory history = new SessionHistory(null);
        history.record(1, "1 + 1", null);
        history.record(2, "train(model)", null);
        history.record(3, "1 + 1", null);
        history.record(4, "1 + 2", null);
        assertEquals(List.of("1 + 1", "1 + 1", "1 + 2"), inputs(history.search("1 + ?", 0, NONE)));
        assertEquals(List.of("1 + 1", "1 + 2"), inputs(history.search("1 *", 0, EnumSet.of(ResultFlag.UNIQUE))));
        assertEquals(List.of("1 + 2"), inputs(history.search("1*", 1, NONE)));
        assertEquals(List.of("train(model)"), inputs(history.search("*(model)", 0, NONE)), "brackets are literal");
    }

    @Test
    void historyOutlivesTheKernelAndSessionsAreNumberedOnwards() throws Exception {
        Path file = dir.resolve("sub").resolve("history.jsonl");
        SessionHistory first = new SessionHistory(file);
        first.record(1, "int x = 1;", null);
        first.record(2, "x", "1");
        SessionHistory second = new SessionHistory(file);
        assertEquals(first.session() + 1, second.session());
        second.record(1, "x + 1", "2");
        List<HistoryEntry> all = second.lookupTail(10, EnumSet.of(ResultFlag.INCLUDE_OUTPUT));
        assertEquals(List.of("int x = 1;", "x", "x + 1"), inputs(all));
        assertEquals("1", all.get(1).getOutput());
        assertEquals(List.of("x"), inputs(second.lookupRange(-1, 2, 3, NONE)), "-1 is the previous session");
        assertEquals(3, Files.readAllLines(file).size());
    }

    @Test
    void anUnreadableLineIsSkipped() throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, "{\"session\":4,\"line\":1,\"input\":\"ok\"}\nnot json\n");
        SessionHistory history = new SessionHistory(file);
        assertEquals(5, history.session());
        assertEquals(List.of("ok"), inputs(history.lookupTail(5, NONE)));
    }

    @Test
    void theHistoryFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("djinn").resolve("history.jsonl");
        new SessionHistory(file).record(1, "String token = \"secret\";", null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theFileIsRotatedToTheNewestEntriesAndTheOlderFileKeptOnce() throws Exception {
        Path file = dir.resolve("history.jsonl");
        SessionHistory first = new SessionHistory(file, 50);
        for (int cell = 1; cell <= 101; cell++) {
            first.record(cell, "cell " + cell, null);
        }
        assertEquals(50, Files.readAllLines(file).size(), "past twice what is kept, the file holds the newest entries");
        assertTrue(Files.readAllLines(file.resolveSibling("history.jsonl.1")).size() > 100);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SessionHistory next = new SessionHistory(file, 50);
        assertEquals(2, next.session(), "session numbers go on");
        assertEquals(List.of("cell 100", "cell 101"), inputs(next.lookupTail(2, NONE)));
    }

    @Test
    void aHugeOutputIsKeptShort() {
        SessionHistory history = new SessionHistory(null);
        history.record(1, "big", "x".repeat(5_000_000));
        String output = history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput();
        assertEquals(SessionHistory.OUTPUT_KEPT + 1, output.length());
    }
}
