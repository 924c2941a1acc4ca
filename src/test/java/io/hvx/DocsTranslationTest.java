package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Chinese README and guide say what the English ones say: the same commands (every fenced
 * block word for word, every inline {@code hvx …} command), the same pictures and the same links,
 * and each links to the other. Prose is checked by a reader; drift in what users type is caught here.
 */
class DocsTranslationTest {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");
    private static final Pattern INLINE_COMMAND = Pattern.compile("`((?:\\./)?hvx [^`]+)`");
    private static final Pattern TARGET = Pattern.compile("\\]\\(([^)#]+)(?:#[^)]*)?\\)");

    @ParameterizedTest
    @CsvSource({"README.md, README.zh-CN.md", "docs/guide.md, docs/guide.zh-CN.md"})
    void theChineseTextHasTheSameCommandsPicturesAndLinks(String english, String chinese) throws IOException {
        String en = read(english);
        String zh = read(chinese);
        assertThat(all(FENCE, zh)).as("code blocks of " + chinese).isEqualTo(all(FENCE, en));
        assertThat(commands(zh)).as("hvx commands in " + chinese).isEqualTo(commands(en));
        TreeSet<String> enTargets = new TreeSet<>(all(TARGET, en));
        // the Chinese texts link to each other where the English ones do
        TreeSet<String> zhTargets = new TreeSet<>(all(TARGET, zh).stream()
                .map(t -> t.replace("README.zh-CN.md", "README.md").replace("guide.zh-CN.md", "guide.md")).toList());
        enTargets.remove(Path.of(chinese).getFileName().toString());
        zhTargets.remove(Path.of(english).getFileName().toString());
        enTargets.removeIf(t -> t.endsWith("zh-CN.png"));
        zhTargets.removeIf(t -> t.endsWith("zh-CN.png"));
        assertThat(zhTargets).as("links and pictures of " + chinese).isEqualTo(enTargets);
        assertThat(en).as(english + " links to its translation").contains("](" + Path.of(chinese).getFileName() + ")");
        assertThat(zh).as(chinese + " links back").contains("](" + Path.of(english).getFileName() + ")");
    }

    /** The inline commands, a line break inside one read as the space Markdown shows. */
    private static TreeSet<String> commands(String text) {
        return new TreeSet<>(all(INLINE_COMMAND, text).stream().map(c -> c.replaceAll("\\s+", " ")).toList());
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    private static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
