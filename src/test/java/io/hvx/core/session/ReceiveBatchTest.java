package io.hvx.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceiveBatchTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void onlyTheFirstAddAfterADrainAsksForADrain() {
        ReceiveBatch b = new ReceiveBatch(100);
        assertThat(b.add(ascii("ab"), 0, 2)).isTrue();
        assertThat(b.add(ascii("cd"), 0, 2)).isFalse();
        assertThat(b.add(ascii("xefx"), 1, 2)).isFalse();
        ReceiveBatch.Drained d = b.drain();
        assertThat(new String(d.bytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(d.dropped()).isZero();
        assertThat(b.add(ascii("g"), 0, 1)).isTrue();
        assertThat(b.drain().total()).isEqualTo(1);
        assertThat(b.drain().bytes()).isEmpty();
    }

    @Test
    void whileNobodyDrainsItKeepsTheNewestBytesAndCountsTheRest() {
        ReceiveBatch b = new ReceiveBatch(4);
        for (char c = 'a'; c <= 'j'; c++) {
            b.add(new byte[] {(byte) c}, 0, 1);
        }
        ReceiveBatch.Drained d = b.drain();
        assertThat(d.total()).isEqualTo(10);
        assertThat(d.bytes().length).isBetween(4, 8);
        assertThat(new String(d.bytes(), StandardCharsets.US_ASCII)).endsWith("ghij");
        byte[] big = new byte[50];
        big[49] = 'z';
        b.add(big, 0, 50);
        ReceiveBatch.Drained d2 = b.drain();
        assertThat(d2.bytes()).hasSize(4).endsWith((byte) 'z');
        assertThat(d2.dropped()).isEqualTo(46);
    }
}
