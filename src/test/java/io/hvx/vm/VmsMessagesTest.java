package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The vms bundle: both languages have the same keys, and every key the VM code uses exists. */
class VmsMessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = VmsMessagesTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertThat(load("vms_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("vms.properties").stringPropertyNames());
    }

    @Test
    void everyVmsKeyUsedInCodeExists() throws IOException {
        Properties en = load("vms.properties");
        Pattern literal = Pattern.compile("\"(vms\\.[a-zA-Z0-9.]+)\"");
        Set<String> used = new TreeSet<>();
        for (String dir : new String[] {"src/main/java/io/hvx/vm", "src/main/java/io/hvx/ui/vms",
                "src/main/java/io/hvx/cli", "src/main/java/io/hvx/core"}) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    // Settings keys (Settings.Key: VMS_POWERSHELL("vms.powershell")) share the prefix but are not messages.
                    String code = Files.readString(f).replaceAll("\\b[A-Z][A-Z_]*\\(\"[^\"]*\"\\)", "");
                    Matcher m = literal.matcher(code);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.removeIf(k -> k.endsWith(".json") || k.endsWith(".ps1"));
        assertThat(used).isNotEmpty();
        assertThat(en.stringPropertyNames()).containsAll(used);
    }
}
