package io.hvx.net;

import io.hvx.core.StreamConnection;
import io.hvx.core.tester.StreamPattern;
import io.hvx.core.tester.TestProtocol;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The far end of the tester's one-way throughput tests inside the echo and sink responders: if
 * a connection starts with the test header ({@link TestProtocol}, {@code docs/protocol.md}),
 * the responder receives and checks an upload or sends a download; otherwise the bytes read so
 * far are plain data and the responder carries on as usual, so interactive use and plain echo
 * tests never notice.
 */
final class TestResponder {

    /** How a connection started. */
    enum Start {
        /** It asked for a test, which has been served: the conversation is over. */
        SERVED,
        /** Plain data: the buffer holds the first bytes (flipped). */
        DATA,
        /** Plain data, then the peer's EOF: the buffer holds what came before it (flipped, maybe empty). */
        DATA_THEN_EOF
    }

    private TestResponder() {
    }

    /**
     * Reads the first bytes of {@code c} into {@code buf} and serves a test if they ask for one.
     * Waits for more only while what arrived is a prefix of the header's magic, whose first byte
     * (0xFE) never starts UTF-8 text.
     */
    static Start serveIfAsked(StreamConnection c, ResponderServer.Activity a, ByteBuffer buf) {
        buf.clear();
        while (true) {
            int n = c.read(buf);
            if (n < 0) {
                buf.flip();
                return Start.DATA_THEN_EOF;
            }
            a.received(n);
            ByteBuffer view = buf.duplicate().flip();
            TestProtocol.Sniff s = TestProtocol.sniff(view);
            if (s == TestProtocol.Sniff.DATA) {
                buf.flip();
                return Start.DATA;
            }
            if (s == TestProtocol.Sniff.REQUEST && view.remaining() >= TestProtocol.REQUEST_SIZE) {
                Optional<TestProtocol.Request> r = TestProtocol.decodeRequest(view);
                if (r.isEmpty()) {
                    c.writeFully(TestProtocol.encodeAck(null, false));
                    return Start.SERVED;
                }
                view.position(view.position() + TestProtocol.REQUEST_SIZE);
                switch (r.get().command()) {
                    case UPLOAD -> upload(c, a, view, buf);
                    case DOWNLOAD -> download(c, a, r.get());
                }
                return Start.SERVED;
            }
        }
    }

    /** Reads to EOF, checking the stream, then reports what arrived. {@code early}: bytes after the header. */
    private static void upload(StreamConnection c, ResponderServer.Activity a, ByteBuffer early, ByteBuffer buf) {
        c.writeFully(TestProtocol.encodeAck(TestProtocol.Command.UPLOAD, true));
        ByteBuffer window = StreamPattern.window(buf.capacity(), 0);
        long offset = 0;
        long firstBad = -1;
        ByteBuffer chunk = early.slice();
        while (true) {
            int n = chunk.remaining();
            int bad = chunk.mismatch(StreamPattern.at(window, offset, n));
            if (bad >= 0 && firstBad < 0) {
                firstBad = offset + bad;
            }
            offset += n;
            buf.clear();
            int r = c.read(buf);
            if (r < 0) {
                break;
            }
            a.received(r);
            chunk = buf.flip();
        }
        ByteBuffer trailer = new TestProtocol.Trailer(offset, firstBad).encode();
        c.writeFully(trailer);
        a.sent(TestProtocol.TRAILER_SIZE);
        c.shutdownOutput();
    }

    /** Sends the requested stretch of the stream (or until the client goes away), then half-closes. */
    private static void download(StreamConnection c, ResponderServer.Activity a, TestProtocol.Request r) {
        c.writeFully(TestProtocol.encodeAck(TestProtocol.Command.DOWNLOAD, true));
        ByteBuffer window = StreamPattern.window(r.size(), 0);
        long total = r.bytes();
        long offset = 0;
        while (total == 0 || offset < total) {
            int len = (int) (total == 0 ? r.size() : Math.min(r.size(), total - offset));
            c.writeFully(StreamPattern.at(window, offset, len));
            offset += len;
            a.sent(len);
        }
        c.shutdownOutput();
        // the client closes once it has read everything; wait for that rather than reset the tail
        ByteBuffer drain = ByteBuffer.allocate(256);
        while (c.read(drain.clear()) >= 0) {
            a.received(drain.position());
        }
    }
}
