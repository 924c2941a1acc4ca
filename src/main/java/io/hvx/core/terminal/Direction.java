package io.hvx.core.terminal;

/** Which way a terminal line went. */
public enum Direction {
    /** Bytes the peer sent to us. */
    RECEIVED,
    /** Bytes we sent to the peer. */
    SENT,
    /** A note of the terminal itself (connected, closed by peer, EOF sent…), not part of either stream. */
    NOTE
}
