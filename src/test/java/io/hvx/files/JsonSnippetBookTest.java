package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.VsockTemplate;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSnippetBookTest {

    @TempDir
    Path tmp;

    @Test
    void snippetsAreKeptPerServiceAndAnEmptyListRemovesThem() throws Exception {
        JsonSnippetBook book = JsonSnippetBook.inDataDir(tmp);
        List<Snippet> echo = List.of(new Snippet("ping", "ping {{counter}}", SendFormat.TEXT, LineEnding.LF, 1),
                new Snippet("hello", "68 69", SendFormat.HEX, LineEnding.NONE, 0));
        book.save(VsockTemplate.guidForPort(7), echo);
        book.save(VsockTemplate.guidForPort(9), List.of(new Snippet("x", "\\x00", SendFormat.ESCAPES, LineEnding.CRLF, 9)));
        JsonSnippetBook again = JsonSnippetBook.inDataDir(tmp);
        assertThat(again.list(VsockTemplate.guidForPort(7))).isEqualTo(echo);
        assertThat(again.list(VsockTemplate.guidForPort(9))).extracting(Snippet::hotkey).containsExactly(9);
        assertThat(again.list(VsockTemplate.guidForPort(19))).isEmpty();
        again.save(VsockTemplate.guidForPort(7), List.of());
        assertThat(book.list(VsockTemplate.guidForPort(7))).isEmpty();
        assertThat(Files.readString(tmp.resolve("snippets.json"))).contains("\"hvx-snippets\"")
                .doesNotContain("00000007-facb");
    }
}
