package io.hvx.net.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.SandboxSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SandboxPathsTest {

    @Property(tries = 300)
    void everyEndpointPathFitsSockaddrUnAndIsDistinct(@ForAll long a, @ForAll long b, @ForAll long c, @ForAll long d) {
        Path sandbox = Path.of("/home/a-rather-long-user-name/.local/share/hvx/sandbox");
        SandboxPaths paths = SandboxPaths.forSandbox(sandbox, Map.of(), "someone");
        Guid vm = Guid.of(a, b);
        Guid svc = Guid.of(c, d);
        Path p = paths.path(vm, svc);
        assertThat(p.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(107);
        assertThat(paths.path(svc, vm).equals(p)).isEqualTo(vm.equals(svc));
    }

    @Test
    void base32IsTwentySixLowercaseCharactersOfTheStringOrderBytes() {
        assertThat(SandboxPaths.base32(Guid.parse("00000000-0000-0000-0000-000000000000"))).isEqualTo("a".repeat(26));
        assertThat(SandboxPaths.base32(Guid.parse("ffffffff-ffff-ffff-ffff-ffffffffffff"))).isEqualTo("7".repeat(25) + "4");
        assertThat(SandboxPaths.base32(SandboxSeed.ECHO_SERVICE)).hasSize(26).startsWith("aaaaab");
    }

    @Test
    void shortSandboxDirsHoldTheirSocketsAndLongOnesMoveToAHashedRuntimeDir() {
        SandboxPaths normal = SandboxPaths.forSandbox(Path.of("/tmp/sb"), Map.of(), "u");
        assertThat(normal.root()).isEqualTo(Path.of("/tmp/sb/ep"));
        assertThat(normal.path(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE).toString())
                .isEqualTo("/tmp/sb/ep/h5vjyik3bzgxvhqsprelduff4m/aaaaab72zmi6npkymqagu6mg2m");

        Path deep = Path.of("/home/user/" + "very-deep-directory/".repeat(4) + "sandbox");
        SandboxPaths fallback = SandboxPaths.forSandbox(deep, Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "user");
        assertThat(fallback.root().toString()).matches("/run/user/1000/hvx-[a-z2-7]{16}");
        assertThat(fallback.isFallback(deep)).isTrue();
        assertThat(SandboxPaths.forSandbox(deep, Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "user").root())
                .as("stable").isEqualTo(fallback.root());
        assertThat(SandboxPaths.forSandbox(deep.resolveSibling("other"), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "user").root())
                .as("per sandbox dir").isNotEqualTo(fallback.root());
        assertThat(SandboxPaths.forSandbox(deep, Map.of(), "user").root().toString()).startsWith("/tmp/hvx-");
    }
}
