package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Backend;
import io.hvx.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root builds each port on first use (a command pays only for what it touches) and
 * then keeps it: the GUI's sections and the CLI's commands share one store, one inventory, one
 * endpoint set.
 */
class DefaultBackendFactoryTest {

    @TempDir
    Path tmp;

    @Test
    void eachPortIsBuiltOnceAndShared() {
        Backend b = new DefaultBackendFactory(tmp.resolve("data")).create(Mode.SANDBOX, tmp.resolve("sb"));
        assertThat(b.services()).isSameAs(b.services());
        assertThat(b.vms()).isSameAs(b.vms());
        assertThat(b.connector()).isSameAs(b.listenerFactory()).isSameAs(b.connector());
        assertThat(b.sandboxVms()).isPresent();
        assertThat(b.sandboxVms().orElseThrow()).isSameAs(b.sandboxVms().orElseThrow());
    }
}
