package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.terminal.Direction;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.TerminalFiles;
import io.hvx.core.terminal.TerminalLine;
import io.hvx.core.terminal.TranscriptFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts in their four formats, captures, and files opened for sending. */
class TerminalFileStoreTest {

    private static final long T = Instant.parse("2025-03-01T13:03:07.123Z").toEpochMilli();

    @TempDir
    Path tmp;

    private final TerminalFileStore store = new TerminalFileStore(ZoneOffset.ofHours(1));

    private final List<TerminalLine> lines = List.of(
            TerminalLine.note(T, "Connected (unix:/x)"),
            new TerminalLine(T, Direction.SENT, 0, "say \"hi\", ok", null, null, LineEnding.CRLF),
            new TerminalLine(T + 5, Direction.RECEIVED, 0, "caf\\xe9", new int[] {3, 0, 7, 2},
                    new byte[] {'c', 'a', 'f', (byte) 0xE9}, LineEnding.LF));

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.US);
    }

    @Test
    void textHasTheTimeTheDirectionAndTheTextOfEveryLine() throws Exception {
        Path f = tmp.resolve("t.txt");
        store.save(f, TranscriptFormat.TEXT, lines);
        assertThat(Files.readAllLines(f)).containsExactly(
                "2025-03-01 14:03:07.123 * Connected (unix:/x)",
                "2025-03-01 14:03:07.123 > say \"hi\", ok",
                "2025-03-01 14:03:07.128 < caf\\xe9");
    }

    @Test
    void rawHoldsTheReceivedBytesExactly() throws Exception {
        Path f = tmp.resolve("t.bin");
        store.save(f, TranscriptFormat.RAW, lines);
        assertThat(Files.readAllBytes(f)).containsExactly('c', 'a', 'f', 0xE9 - 256, '\n');
    }

    @Test
    void csvAndJsonHoldOneEventPerLineWithItsBytes() throws Exception {
        Path csv = tmp.resolve("t.csv");
        store.save(csv, TranscriptFormat.CSV, lines);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                "time,direction,offset,length,ending,text,hex",
                "2025-03-01T14:03:07.123+01:00,note,-1,0,none,Connected (unix:/x),",
                "2025-03-01T14:03:07.123+01:00,sent,0,14,crlf,\"say \"\"hi\"\", ok\",73617920226869222c206f6b0d0a",
                "2025-03-01T14:03:07.128+01:00,received,0,5,lf,caf\\xe9,636166e90a");
        Path json = tmp.resolve("t.jsonl");
        store.save(json, TranscriptFormat.JSON, lines);
        List<String> events = Files.readAllLines(json);
        assertThat(events).hasSize(3);
        JsonObject last = JsonParser.parseString(events.get(2)).getAsJsonObject();
        assertThat(last.get("time").getAsString()).isEqualTo("2025-03-01T14:03:07.128+01:00");
        assertThat(last.get("direction").getAsString()).isEqualTo("received");
        assertThat(last.get("length").getAsInt()).isEqualTo(5);
        assertThat(last.get("ending").getAsString()).isEqualTo("lf");
        assertThat(last.get("text").getAsString()).isEqualTo("caf\\xe9");
        assertThat(last.get("hex").getAsString()).isEqualTo("636166e90a");
    }

    @Test
    void aCaptureWritesAsItGoesAndRawCapturesTakeTheBytesAsRead() throws Exception {
        Path text = tmp.resolve("sub/c.txt");
        TerminalFiles.Capture c = store.capture(text, TranscriptFormat.TEXT);
        c.line(lines.get(1));
        c.received(new byte[] {'x'}, 0, 1);
        c.close();
        c.close();
        assertThat(Files.readAllLines(text)).containsExactly("2025-03-01 14:03:07.123 > say \"hi\", ok");
        assertThat(c.written()).isEqualTo(Files.size(text));
        assertThat(c.failure()).isEmpty();

        Path raw = tmp.resolve("c.bin");
        TerminalFiles.Capture r = store.capture(raw, TranscriptFormat.RAW);
        r.received(new byte[] {1, 2, 3, 4}, 1, 2);
        r.line(lines.get(2));
        r.close();
        assertThat(Files.readAllBytes(raw)).containsExactly(2, 3);
    }

    @Test
    void aFileToSendIsReadInPiecesAndADirectoryIsRefused() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[] {1, 2, 3, 4, 5});
        try (TerminalFiles.Source s = store.open(f)) {
            assertThat(s.size()).isEqualTo(5);
            byte[] buf = new byte[3];
            assertThat(s.read(buf)).isEqualTo(3);
            assertThat(s.read(buf)).isEqualTo(2);
            assertThat(s.read(buf)).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.open(tmp)).isInstanceOf(OperationFailedException.class)
                .hasMessage("'" + tmp + "' is not a file that can be read: choose a regular file.");
    }

    @Test
    void aTranscriptThatCannotBeWrittenSaysWhereAndWhy() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> store.save(blocker.resolve("t.txt"), TranscriptFormat.TEXT, lines))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageStartingWith("Could not save '" + blocker.resolve("t.txt") + "'");
    }
}
