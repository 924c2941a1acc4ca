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

/** A terminal not shown holds its bytes undecoded and bounded; shown again, it decodes them in order. */
class TerminalFeedTest {

    private final TerminalBuffer buffer = new TerminalBuffer(1000, StandardCharsets.UTF_8, true,
            Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
    private final TerminalFeed feed = new TerminalFeed(buffer, (r, s) -> "gap " + r + " " + s);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void receive(String s) {
        byte[] b = utf8("xx" + s + "yy");
        feed.received(b, 2, b.length - 4);
    }

    private List<String> lines() {
        return buffer.lines().stream()
                .map(l -> (l.direction() == Direction.NOTE ? "* " : l.direction() == Direction.SENT ? "> " : "< ") + l.text())
                .toList();
    }

    @Test
    void whileHeldNothingIsDecodedAndOnReleaseEverythingComesInItsOrder() {
        feed.hold();
        feed.note("accepted");
        receive("hel");
        feed.sent(utf8("hello\n"), 0, 6, true);
        receive("lo\nbye");
        feed.sent(utf8("secret"), 0, 6, false);
        feed.endLine();
        feed.note("closed");
        assertThat(buffer.version()).as("nothing reached the buffer").isZero();
        assertThat(feed.heldBytes()).isEqualTo(3 + 6 + 6);

        feed.release();
        assertThat(feed.holding()).isFalse();
        assertThat(lines()).containsExactly("* accepted", "< hel", "> hello", "< lo", "< bye", "* closed");
        assertThat(buffer.receivedBytes()).isEqualTo(9);
        assertThat(buffer.sentBytes()).as("unshown sent bytes still move the offset on").isEqualTo(12);
        assertThat(feed.heldBytes()).isZero();

        receive("live\n");
        assertThat(lines()).as("released: fed directly").endsWith("< live");
    }

    @Test
    void heldBytesAreBoundedTheNewestAreKeptAndTheGapIsSaidWithItsSize() {
        feed.hold();
        feed.note("accepted");
        byte[] line = new byte[1024];
        Arrays.fill(line, (byte) 'a');
        line[line.length - 1] = '\n';
        int reads = TerminalFeed.HELD_BYTES / line.length + 10;
        for (int i = 0; i < reads; i++) {
            line[0] = (byte) ('0' + i % 10);
            feed.received(line, 0, line.length);
        }
        feed.sent(utf8("x\n"), 0, 2, true);
        assertThat(feed.heldBytes()).isEqualTo(TerminalFeed.HELD_BYTES);

        feed.release();
        List<String> shown = lines();
        long lost = (long) reads * line.length + 2 - TerminalFeed.HELD_BYTES;
        assertThat(shown.get(0)).isEqualTo("* accepted");
        assertThat(shown.get(1)).isEqualTo("* gap " + lost + " 0");
        // the cut fell two bytes into a line: its rest comes first, then whole lines up to the newest
        assertThat(shown.get(2)).isEqualTo("< " + "a".repeat(line.length - 3));
        assertThat(shown.get(shown.size() - 2)).startsWith("< " + (char) ('0' + (reads - 1) % 10) + "aaa");
        assertThat(shown.getLast()).isEqualTo("> x");
        assertThat(buffer.receivedBytes()).as("every byte counted, kept or not").isEqualTo((long) reads * line.length);
        assertThat(buffer.lines().get(2).offset()).isEqualTo(lost);
    }

    @Test
    void aSendWhileHeldIsRecordedAfterWhatArrivedBeforeIt() {
        feed.hold();
        receive("question\n");
        List<String> wire = new ArrayList<>();
        assertThat(feed.send(utf8("answer\n"), true, () -> wire.add("answer"))).isTrue();
        assertThat(feed.send(utf8("refused\n"), true, () -> false)).isFalse();
        feed.release();
        assertThat(wire).containsExactly("answer");
        assertThat(lines()).containsExactly("< question", "> answer");
    }

    @Test
    void holdingAgainKeepsWhatWasShownAndHoldsOnlyWhatFollows() {
        receive("shown\n");
        feed.hold();
        receive("later\n");
        assertThat(lines()).containsExactly("< shown");
        feed.release();
        assertThat(lines()).containsExactly("< shown", "< later");
    }
}
