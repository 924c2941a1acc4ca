package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.terminal.ConnectionBook;
import io.hvx.core.terminal.SavedConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recent and favourite connections in connections.json. */
class JsonConnectionBookTest {

    @TempDir
    Path tmp;

    private Instant now = Instant.parse("2025-03-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private SavedConnection typed(String vm, String service) {
        return new SavedConnection(VmChoice.typed(vm), ServiceChoice.typed(service), false, now);
    }

    @Test
    void aUseMovesAConnectionToTheTopAndFavouritesStayFirst() {
        JsonConnectionBook book = JsonConnectionBook.inDataDir(tmp, clock);
        assertThat(book.list()).isEmpty();
        SavedConnection echo = new SavedConnection(new VmChoice("demo-linux", SandboxSeed.DEMO_LINUX_ID, null),
                new ServiceChoice("Demo echo", SandboxSeed.ECHO_SERVICE, null), false, now);
        book.used(echo);
        now = now.plusSeconds(1);
        book.used(typed("parent", "vsock:5000"));
        assertThat(book.list()).extracting(SavedConnection::label).containsExactly("parent · vsock:5000", "demo-linux · Demo echo");
        book.favourite(echo, true);
        now = now.plusSeconds(1);
        List<SavedConnection> list = book.used(typed("PARENT", "VSOCK:5000"));
        assertThat(list).extracting(SavedConnection::label).as("the same target, typed differently, is one entry")
                .containsExactly("demo-linux · Demo echo", "PARENT · VSOCK:5000");
        assertThat(list.getFirst().favourite()).isTrue();
        assertThat(list.getFirst().service().id()).isEqualTo(SandboxSeed.ECHO_SERVICE);
        assertThat(list.getFirst().vm().id()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);

        JsonConnectionBook again = JsonConnectionBook.inDataDir(tmp, clock);
        assertThat(again.list()).isEqualTo(list);
        again.remove(list.get(1));
        assertThat(again.list()).hasSize(1);
    }

    @Test
    void anAliasComesBackAsTheAliasEntry() {
        JsonConnectionBook book = JsonConnectionBook.inDataDir(tmp, clock);
        book.used(new SavedConnection(VmChoice.of(VmAlias.PARENT), ServiceChoice.typed("vsock:22"), false, now));
        assertThat(book.list().getFirst().vm()).isEqualTo(VmChoice.of(VmAlias.PARENT));
    }

    @Test
    void onlyTheNewestRecentsAreKeptButNoFavouriteIsForgotten() {
        JsonConnectionBook book = JsonConnectionBook.inDataDir(tmp, clock);
        book.favourite(typed("old", "vsock:1"), true);
        for (int i = 0; i < ConnectionBook.RECENT_LIMIT + 5; i++) {
            now = now.plus(Duration.ofMinutes(1));
            book.used(typed("vm" + i, "vsock:" + i));
        }
        List<SavedConnection> list = book.list();
        assertThat(list).hasSize(ConnectionBook.RECENT_LIMIT + 1);
        assertThat(list.getFirst().label()).isEqualTo("old · vsock:1");
        assertThat(list.get(1).label()).isEqualTo("vm24 · vsock:24");
        assertThat(list.getLast().label()).isEqualTo("vm5 · vsock:5");
    }

    @Test
    void aFileItDoesNotUnderstandIsRefusedAndLeftAsItIs() throws Exception {
        Messages.setLocale(Locale.US);
        Path f = tmp.resolve("connections.json");
        Files.writeString(f, "{\"format\":\"hvx-connections\",\"version\":2,\"connections\":[],\"groups\":{}}");
        JsonConnectionBook book = JsonConnectionBook.inDataDir(tmp, clock);
        assertThatThrownBy(book::list).isInstanceOf(OperationFailedException.class)
                .hasMessageStartingWith(f + " cannot be used: it was written by a newer hvx (format version 2;"
                        + " this hvx reads version 1). hvx does not rewrite a file it does not fully understand");
        assertThatThrownBy(() -> book.used(typed("a", "b"))).isInstanceOf(OperationFailedException.class);
        assertThat(Files.readString(f)).contains("\"groups\"");
        Files.writeString(f, "{\"format\":\"hvx-connections\",\"version\":1,\"connections\":[{\"vm\":\"a\",\"vmId\":\"nope\"}]}");
        assertThatThrownBy(book::list).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("$.connections[0].vmId is \"nope\", which is not a GUID");
    }
}
