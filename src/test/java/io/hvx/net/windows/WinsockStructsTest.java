package io.hvx.net.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.Hex;
import io.hvx.core.HvEndpoint;
import io.hvx.core.SockaddrHv;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bytes handed to ws2_32, checked on any OS against hvsocket-facts.md. */
class WinsockStructsTest {

    @Test
    void connectTimeoutIsALittleEndianUlongOfMillisecondsCappedAt300000() {
        assertThat(WinsockStructs.connectTimeout(5000)).containsExactly(0x88, 0x13, 0, 0);
        assertThat(WinsockStructs.connectTimeout(10_000_000)).containsExactly(0xe0, 0x93, 0x04, 0x00);
        assertThat(WinsockStructs.connectTimeout(0)).containsExactly(1, 0, 0, 0);
        assertThat(WinsockStructs.ulong(1)).containsExactly(1, 0, 0, 0);
        assertThat(WinsockStructs.HVSOCKET_CONNECT_TIMEOUT).isEqualTo(1);
        assertThat(WinsockStructs.HVSOCKET_CONNECTED_SUSPEND).isEqualTo(4);
    }

    @Test
    void sockaddrHvMatchesTheReferenceVector() {
        HvEndpoint ep = new HvEndpoint(VmAlias.PARENT.guid(), VsockTemplate.guidForPort(5000));
        byte[] b = SockaddrHv.of(ep).encode();
        assertThat(Hex.spaced(b)).isEqualTo("22 00 00 00 da 7c 2e a4 3f d0 0c 48 9c c2 a4 de 20 ab b8 78 "
                + "88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3");
        assertThat(WinsockSocket.describe(b, b.length))
                .isEqualTo("hvsocket:a42e7cda-d03f-480c-9cc2-a4de20abb878/00001388-facb-11e6-bd58-64006a7986d3");
    }

    @Test
    void sockaddrUnIs110BytesWithFamily1AndANulTerminatedPath() {
        byte[] b = WinsockStructs.sockaddrUn(Path.of("C:\\t\\s"));
        assertThat(b).hasSize(110);
        assertThat(b[0]).isEqualTo((byte) 1);
        assertThat(b[1]).isZero();
        assertThat(new String(b, 2, 6)).isEqualTo("C:\\t\\s");
        assertThat(b[8]).isZero();
        assertThat(WinsockSocket.describe(b, 110)).isEqualTo("unix:C:\\t\\s");
        assertThatThrownBy(() -> WinsockStructs.sockaddrUn(Path.of("x".repeat(108))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fdSetAndTimevalHaveTheX64Layout() {
        byte[] set = WinsockStructs.fdSet(0x1234L);
        assertThat(set).hasSize(520);
        assertThat(WinsockStructs.int32(set, 0)).isEqualTo(1);
        assertThat(set[8]).isEqualTo((byte) 0x34);
        assertThat(set[9]).isEqualTo((byte) 0x12);
        assertThat(WinsockStructs.fdIsSet(set)).isTrue();
        assertThat(WinsockStructs.fdIsSet(new byte[520])).isFalse();
        assertThat(WinsockStructs.timeval(1500)).containsExactly(1, 0, 0, 0, 0x20, 0xa1, 0x07, 0);
    }

    @Test
    void guidsUseWindowsByteOrderInside() {
        byte[] b = new byte[36];
        Guid.parse("e0e16197-dd56-4a10-9195-5ee7a155a838").writeWindowsBytes(b, 4);
        assertThat(Hex.spaced(java.util.Arrays.copyOfRange(b, 4, 20)))
                .isEqualTo("97 61 e1 e0 56 dd 10 4a 91 95 5e e7 a1 55 a8 38");
    }
}
