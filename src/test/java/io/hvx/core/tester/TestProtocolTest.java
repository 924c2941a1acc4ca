package io.hvx.core.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test header's bytes, as docs/protocol.md writes them. */
class TestProtocolTest {

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.ofDelimiter(" ").formatHex(a);
    }

    @Test
    void aRequestIsTheDocumentedTwentyFourBytes() {
        assertThat(hex(TestProtocol.Request.download(65536, 1_000_000).encode()))
                .isEqualTo("fe 48 56 58 01 44 00 00 00 00 01 00 00 00 00 00 40 42 0f 00 00 00 00 00");
        assertThat(hex(TestProtocol.Request.upload().encode()))
                .isEqualTo("fe 48 56 58 01 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    }

    @Test
    void requestsDecodeAndNonsenseIsRefused() {
        assertThat(TestProtocol.decodeRequest(TestProtocol.Request.download(100, 5).encode()))
                .contains(TestProtocol.Request.download(100, 5));
        ByteBuffer badVersion = TestProtocol.Request.upload().encode().put(4, (byte) 2);
        assertThat(TestProtocol.decodeRequest(badVersion)).isEmpty();
        ByteBuffer badSize = TestProtocol.Request.download(TestProtocol.MAX_SIZE + 1, 0).encode();
        assertThat(TestProtocol.decodeRequest(badSize)).isEmpty();
        ByteBuffer badCommand = TestProtocol.Request.upload().encode().put(5, (byte) 'X');
        assertThat(TestProtocol.decodeRequest(badCommand)).isEmpty();
    }

    @Test
    void sniffingWaitsOnlyForAPrefixOfTheMagic() {
        assertThat(TestProtocol.sniff(ByteBuffer.wrap("hello".getBytes()))).isEqualTo(TestProtocol.Sniff.DATA);
        assertThat(TestProtocol.sniff(ByteBuffer.wrap(new byte[] {(byte) 0xFE, 'H'}))).isEqualTo(TestProtocol.Sniff.PARTIAL);
        assertThat(TestProtocol.sniff(ByteBuffer.wrap(new byte[] {(byte) 0xFE, 'H', 'x'}))).isEqualTo(TestProtocol.Sniff.DATA);
        assertThat(TestProtocol.sniff(TestProtocol.Request.upload().encode())).isEqualTo(TestProtocol.Sniff.REQUEST);
        // the stream pattern (what echo and throughput tests send) never looks like the header
        assertThat(TestProtocol.sniff(StreamPattern.window(64, 0))).isEqualTo(TestProtocol.Sniff.DATA);
        assertThat(TestProtocol.sniff(StreamPattern.window(64, StreamPattern.ECHO_MASK))).isEqualTo(TestProtocol.Sniff.DATA);
    }

    @Test
    void answersAreClassified() {
        TestProtocol.Request up = TestProtocol.Request.upload();
        assertThat(TestProtocol.decodeAck(TestProtocol.encodeAck(TestProtocol.Command.UPLOAD, true), up))
                .isEqualTo(TestProtocol.Answer.ACCEPTED);
        assertThat(TestProtocol.decodeAck(TestProtocol.encodeAck(TestProtocol.Command.UPLOAD, false), up))
                .isEqualTo(TestProtocol.Answer.REFUSED);
        assertThat(TestProtocol.decodeAck(up.encode(), up)).isEqualTo(TestProtocol.Answer.ECHOED);
        assertThat(TestProtocol.decodeAck(ByteBuffer.wrap("anything".getBytes()), up)).isEqualTo(TestProtocol.Answer.OTHER);
        assertThat(TestProtocol.decodeAck(TestProtocol.encodeAck(TestProtocol.Command.DOWNLOAD, true), up))
                .isEqualTo(TestProtocol.Answer.OTHER);
    }

    @Test
    void theTrailerCarriesCountAndFirstDifference() {
        assertThat(hex(new TestProtocol.Trailer(300, -1).encode()))
                .isEqualTo("fe 48 56 52 01 00 00 00 2c 01 00 00 00 00 00 00 ff ff ff ff ff ff ff ff");
        TestProtocol.Trailer bad = new TestProtocol.Trailer(300, 17);
        assertThat(TestProtocol.Trailer.decode(bad.encode())).contains(bad);
        assertThat(TestProtocol.Trailer.decode(bad.encode()).orElseThrow().intact()).isFalse();
        assertThat(TestProtocol.Trailer.decode(ByteBuffer.allocate(24))).isEmpty();
    }

    @Test
    void theWindowHoldsEveryStretchOfTheStream() {
        ByteBuffer w = StreamPattern.window(1000, 0);
        for (long offset : new long[] {0, 1, 255, 256, 1_000_003}) {
            ByteBuffer s = StreamPattern.at(w, offset, 1000);
            assertThat(StreamPattern.firstMismatch(s, offset)).isEqualTo(-1);
        }
    }
}
