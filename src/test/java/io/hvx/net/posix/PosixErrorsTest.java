package io.hvx.net.posix;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import io.hvx.net.posix.PosixErrors.Op;
import org.junit.jupiter.api.Test;

class PosixErrorsTest {

    @Test
    void connectErrnosNameTheirCause() {
        assertThat(PosixErrors.problem(Op.CONNECT, 111, "unix:/x", 0).key()).isEqualTo("net.error.refused");
        assertThat(PosixErrors.problem(Op.CONNECT, 2, "unix:/x", 0).key()).isEqualTo("net.error.refused");
        assertThat(PosixErrors.problem(Op.CONNECT, 110, "vsock:2:5000", 2000).key()).isEqualTo("net.error.timeout");
        assertThat(PosixErrors.problem(Op.CONNECT, 11, "unix:/x", 500).key()).isEqualTo("net.error.busy");
        assertThat(PosixErrors.problem(Op.CONNECT, 101, "vsock:3:5000", 0).key()).isEqualTo("net.error.vsockUnreachable");
        assertThat(PosixErrors.problem(Op.SOCKET, 97, "vsock:2:5000", 0).key()).isEqualTo("net.error.noVsock");
        assertThat(PosixErrors.problem(Op.BIND, 98, "unix:/x", 0).key()).isEqualTo("net.error.addressInUse");
        assertThat(PosixErrors.problem(Op.READ, 104, "unix:/x", 0).key()).isEqualTo("net.error.reset");
        assertThat(PosixErrors.problem(Op.WRITE, 32, "unix:/x", 0).key()).isEqualTo("net.error.reset");
        assertThat(PosixErrors.problem(Op.BIND, 13, "unix:/x", 0).key()).isEqualTo("net.error.accessDenied");
        assertThat(PosixErrors.problem(Op.LISTEN, 22, "unix:/x", 0).key()).isEqualTo("net.error.system");
    }

    @Test
    void sentencesCarryTheAddressAndTheDetailTheCode() {
        Messages.setLocale(java.util.Locale.US);
        assertThat(PosixErrors.problem(Op.CONNECT, 110, "vsock:2:5000", 2000).message())
                .contains("vsock:2:5000").contains("2000 ms").contains("--timeout");
        assertThat(PosixErrors.detail(Op.CONNECT, 111, "unix:/x"))
                .isEqualTo("connect unix:/x: errno 111 ECONNREFUSED (Connection refused)");
        assertThat(PosixErrors.problem(Op.LISTEN, 22, "unix:/x", 0).message()).contains("EINVAL").contains("unix:/x");
    }
}
