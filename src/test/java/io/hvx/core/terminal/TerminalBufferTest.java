package io.hvx.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting bytes into lines, the open line, the bounds of the scrollback and the hex rows. */
class TerminalBufferTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    private TerminalBuffer buffer(int capacity) {
        return new TerminalBuffer(capacity, StandardCharsets.UTF_8, true, clock);
    }

    private static void receive(TerminalBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.received(bytes, 0, bytes.length);
    }

    private static List<String> texts(TerminalBuffer b) {
        return b.lines().stream().map(TerminalLine::text).toList();
    }

    private static List<LineEnding> endings(TerminalBuffer b) {
        return b.lines().stream().map(TerminalLine::ending).toList();
    }

    @Test
    void linesEndAtLfCrAndCrlfAndACrlfSplitAcrossReadsIsOneEnding() {
        TerminalBuffer b = buffer(100);
        receive(b, "a\nb\r\nc\rd\r");
        receive(b, "\ne\r");
        receive(b, "f\n\n");
        assertThat(texts(b)).containsExactly("a", "b", "c", "d", "e", "f", "");
        assertThat(endings(b)).containsExactly(LineEnding.LF, LineEnding.CRLF, LineEnding.CR, LineEnding.CRLF,
                LineEnding.CR, LineEnding.LF, LineEnding.LF);
        assertThat(b.hasOpenLine()).isFalse();
    }

    @Test
    void aCrAtTheEndOfAReadIsShownAtOnceAndDecidedByTheNextByte() {
        TerminalBuffer b = buffer(100);
        receive(b, "prompt\r");
        assertThat(b.hasOpenLine()).isTrue();
        assertThat(b.line(b.end()).text()).isEqualTo("prompt");
        receive(b, "\r\n");
        assertThat(texts(b)).containsExactly("prompt", "");
        assertThat(endings(b)).containsExactly(LineEnding.CR, LineEnding.CRLF);
    }

    @Test
    void aMultiByteCharacterSplitAcrossReadsIsDecodedWhole() {
        TerminalBuffer b = buffer(100);
        byte[] zh = "中文\n".getBytes(StandardCharsets.UTF_8);
        for (byte x : zh) {
            b.received(new byte[] {x}, 0, 1);
        }
        assertThat(texts(b)).containsExactly("中文");
        assertThat(b.lines().getFirst().styles()).isNull();
    }

    @Test
    void theOpenLineGrowsAndADirectionChangeEndsIt() {
        TerminalBuffer b = buffer(100);
        receive(b, "login: ");
        assertThat(b.lineCount()).isEqualTo(1);
        assertThat(b.end()).isZero();
        b.sent("root\n".getBytes(StandardCharsets.UTF_8), true);
        receive(b, "ok\n");
        List<TerminalLine> lines = b.lines();
        assertThat(lines).extracting(TerminalLine::text).containsExactly("login: ", "root", "ok");
        assertThat(lines).extracting(TerminalLine::direction)
                .containsExactly(Direction.RECEIVED, Direction.SENT, Direction.RECEIVED);
        assertThat(lines.getFirst().ending()).isEqualTo(LineEnding.NONE);
        assertThat(lines.get(2).offset()).as("offset in the received stream").isEqualTo(7);
        assertThat(b.receivedBytes()).isEqualTo(10);
        assertThat(b.sentBytes()).isEqualTo(5);
    }

    @Test
    void sentBytesWithoutEchoAreNotShownButASinkStillGetsThem() {
        TerminalBuffer b = buffer(100);
        List<TerminalLine> seen = new ArrayList<>();
        b.setSink(new TerminalBuffer.Sink() {
            @Override
            public void line(TerminalLine line) {
                seen.add(line);
            }
        });
        b.sent("secret\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(b.lineCount()).isZero();
        assertThat(seen).extracting(TerminalLine::text).containsExactly("secret");
        assertThat(seen.getFirst().ending()).isEqualTo(LineEnding.LF);
        assertThat(seen.getFirst().bytes()).isEqualTo("secret\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theScrollbackKeepsTheNewestLinesAndCountsTheOnesThatFellOut() {
        TerminalBuffer b = buffer(100);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            all.append("line ").append(i).append('\n');
        }
        receive(b, all.toString());
        assertThat(b.start()).isEqualTo(150);
        assertThat(b.end()).isEqualTo(250);
        assertThat(b.dropped()).isEqualTo(150);
        assertThat(b.lineCount()).isEqualTo(100);
        assertThat(b.line(149)).isNull();
        assertThat(b.line(150).text()).isEqualTo("line 150");
        assertThat(b.line(249).text()).isEqualTo("line 249");
        b.setCapacity(120);
        receive(b, "more\n");
        assertThat(b.lineCount()).isEqualTo(101);
        b.setCapacity(100);
        assertThat(b.lineCount()).isEqualTo(100);
        assertThat(b.dropped()).isEqualTo(151);
    }

    @Test
    void aSinkSeesEveryLineAndEveryReceivedByteEvenWhenTheScrollbackDropsThem() {
        TerminalBuffer b = buffer(100);
        List<String> lines = new ArrayList<>();
        long[] bytes = {0};
        b.setSink(new TerminalBuffer.Sink() {
            @Override
            public void line(TerminalLine line) {
                lines.add(line.text());
            }

            @Override
            public void received(byte[] data, int off, int len) {
                bytes[0] += len;
            }
        });
        for (int i = 0; i < 500; i++) {
            receive(b, i + "\n");
        }
        assertThat(lines).hasSize(500).startsWith("0", "1").endsWith("499");
        assertThat(bytes[0]).isEqualTo(b.receivedBytes());
        assertThat(b.lineCount()).isEqualTo(100);
    }

    @Test
    void aLineWithoutTerminatorIsCutAtTheLimitBetweenCharacters() {
        TerminalBuffer b = buffer(100);
        byte[] x = new byte[TerminalBuffer.MAX_LINE_BYTES - 1];
        Arrays.fill(x, (byte) 'x');
        b.received(x, 0, x.length);
        byte[] zh = "中中".getBytes(StandardCharsets.UTF_8);
        b.received(zh, 0, zh.length);
        List<TerminalLine> lines = b.lines();
        assertThat(lines.getFirst().ending()).isEqualTo(LineEnding.NONE);
        assertThat(lines.getFirst().byteLength()).isEqualTo(TerminalBuffer.MAX_LINE_BYTES - 1);
        assertThat(lines.getLast().text()).isEqualTo("中中");
        assertThat(lines.getLast().offset()).isEqualTo(TerminalBuffer.MAX_LINE_BYTES - 1);
    }

    @Test
    void hexRowsNumberSixteenBytesOfEachLineAndStayPutWhileLinesFallOut() {
        TerminalBuffer b = buffer(100);
        receive(b, "0123456789abcdefghijklmnopqrstuvwxyz0123\n"); // 41 bytes: 3 rows
        receive(b, "hi\n");                                       // 1 row
        assertThat(b.firstRow(true)).isZero();
        assertThat(b.endRow(true)).isEqualTo(4);
        List<TerminalBuffer.Row> rows = b.rows(1, 10, true);
        assertThat(rows).extracting(TerminalBuffer.Row::index).containsExactly(0L, 0L, 1L);
        assertThat(rows).extracting(TerminalBuffer.Row::sub).containsExactly(1, 2, 0);
        assertThat(b.rowOf(1, true)).isEqualTo(3);
        for (int i = 0; i < 200; i++) {
            receive(b, "y\n");
        }
        assertThat(b.firstRow(true)).isEqualTo(b.rowOf(b.start(), true)).isEqualTo(104);
        assertThat(b.rows(0, 1, true).getFirst().row()).as("a row that fell out reads as the first kept").isEqualTo(104);
    }

    @Test
    void changingTheCharsetDecodesTheKeptLinesAgain() {
        TerminalBuffer b = buffer(100);
        byte[] latin = {'c', 'a', 'f', (byte) 0xE9, '\n'};
        b.received(latin, 0, latin.length);
        assertThat(texts(b)).containsExactly("caf\\xe9");
        b.setDecoding(StandardCharsets.ISO_8859_1, true);
        assertThat(texts(b)).containsExactly("café");
        assertThat(b.lines().getFirst().content()).containsExactly('c', 'a', 'f', (byte) 0xE9);
    }

    @Test
    void clearDropsTheLinesButNotTheCounters() {
        TerminalBuffer b = buffer(100);
        receive(b, "a\nb\nc");
        long version = b.version();
        b.clear();
        assertThat(b.lineCount()).isZero();
        assertThat(b.version()).isNotEqualTo(version);
        assertThat(b.receivedBytes()).isEqualTo(5);
        receive(b, "d\n");
        assertThat(texts(b)).containsExactly("d");
        assertThat(b.lines().getFirst().offset()).isEqualTo(5);
    }

    @Test
    void notesEndTheOpenLineAndCarryNoBytes() {
        TerminalBuffer b = buffer(100);
        receive(b, "partial");
        b.note("Closed by peer");
        List<TerminalLine> lines = b.lines();
        assertThat(lines).extracting(TerminalLine::text).containsExactly("partial", "Closed by peer");
        assertThat(lines.getLast().direction()).isEqualTo(Direction.NOTE);
        assertThat(lines.getLast().byteLength()).isZero();
        assertThat(lines.getFirst().time()).isEqualTo(clock.millis());
    }
}
