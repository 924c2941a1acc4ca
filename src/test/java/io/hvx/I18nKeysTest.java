package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-visible key is used, exists in English and Simplified Chinese, and is a valid
 * pattern. Keys are found as string literals in the first argument of the calls named in
 * {@link #KEY_CALLS} (a conditional such as {@code Messages.get(ok ? "a" : "b")} counts both).
 */
class I18nKeysTest {

    /** The calls whose first argument is a message key. Keep this list short. */
    static final List<String> KEY_CALLS = List.of("Messages.get", "Messages.key", "Problem.of");

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path I18N = Path.of("resources/i18n");
    private static final Path CLI_SOURCES = MAIN.resolve("io/hvx/cli");
    private static final Pattern DESCRIPTION_KEY = Pattern.compile("descriptionKey\\s*=\\s*\"([^\"]+)\"");

    @Test
    void everyUsedKeyExistsInEnglishAndChineseOfOneBundle() {
        Map<String, Properties> en = bundles("");
        Map<String, Properties> zh = bundles("_zh_CN");
        List<String> problems = new ArrayList<>();
        usedKeys().forEach((key, where) -> {
            boolean inEn = en.values().stream().anyMatch(p -> p.containsKey(key));
            boolean inBoth = en.keySet().stream().anyMatch(b -> en.get(b).containsKey(key) && zh.get(b).containsKey(key));
            if (!inBoth) {
                problems.add("key '" + key + "' used in " + where + " is missing from "
                        + (inEn ? "the _zh_CN file of its bundle" : "every resources/i18n/<bundle>.properties"));
            }
        });
        assertThat(problems).as("keys used in code but missing from the bundles").isEmpty();
    }

    @Test
    void everyBundleKeyIsUsedSomewhere() {
        Set<String> used = usedKeys().keySet();
        List<String> stale = new ArrayList<>();
        bundles("").forEach((file, props) -> {
            for (String key : new TreeSet<>(props.stringPropertyNames())) {
                if (!used.contains(key)) {
                    stale.add(file + ": '" + key + "' is not used in src/main/java (via " + KEY_CALLS + ")");
                }
            }
        });
        assertThat(stale).as("stale keys (remove them, or mark a dynamic use with Messages.key(\"...\"))").isEmpty();
    }

    @Test
    void englishAndChineseHaveTheSameKeysInEveryBundle() {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>(Messages.BUNDLES);
        names.add("i18n.cli");
        for (String bundle : names) {
            Path enFile = file(bundle, "");
            Path zhFile = file(bundle, "_zh_CN");
            Set<String> en = load(enFile).stringPropertyNames();
            Set<String> zh = load(zhFile).stringPropertyNames();
            for (String k : new TreeSet<>(en)) {
                if (!zh.contains(k)) {
                    problems.add(zhFile + " lacks '" + k + "'");
                }
            }
            for (String k : new TreeSet<>(zh)) {
                if (!en.contains(k)) {
                    problems.add(enFile + " lacks '" + k + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noBundleFileDefinesAKeyTwice() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(I18N)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
                Set<String> seen = new HashSet<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || !t.contains("=")) {
                        continue;
                    }
                    String key = t.substring(0, t.indexOf('=')).strip();
                    if (!seen.add(key)) {
                        problems.add(f + " defines '" + key + "' twice (the later one silently wins)");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCliDescriptionKeyExists() throws IOException {
        Set<String> en = load(file("i18n.cli", "")).stringPropertyNames();
        Set<String> zh = load(file("i18n.cli", "_zh_CN")).stringPropertyNames();
        List<String> problems = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(CLI_SOURCES)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        int found = 0;
        for (Path src : sources) {
            Matcher m = DESCRIPTION_KEY.matcher(Files.readString(src, StandardCharsets.UTF_8));
            while (m.find()) {
                found++;
                if (!en.contains(m.group(1)) || !zh.contains(m.group(1))) {
                    problems.add(src + ": descriptionKey '" + m.group(1) + "' is missing from "
                            + (en.contains(m.group(1)) ? "cli_zh_CN.properties" : "cli.properties"));
                }
            }
        }
        assertThat(found).as("descriptionKey literals found in " + CLI_SOURCES).isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCommandHasAHelpDescriptionAndNoCliKeyIsStale() throws IOException {
        Set<String> en = load(file("i18n.cli", "")).stringPropertyNames();
        Set<String> expected = new TreeSet<>();
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        io.hvx.cli.CliContext ctx = new io.hvx.cli.CliContext(sink, sink, java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream(), (mode, dir) -> {
                    throw new AssertionError("no backend needed to list commands");
                }, (mode, dir) -> {
                }, false);
        List<picocli.CommandLine> todo = new ArrayList<>(List.of(io.hvx.cli.Cli.commandLine(ctx)));
        List<String> problems = new ArrayList<>();
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.removeLast();
            String key = c.getCommandSpec().qualifiedName(".") + ".usage.description";
            expected.add(key);
            if (!en.contains(key)) {
                problems.add("cli.properties lacks '" + key + "' (help text of '"
                        + c.getCommandSpec().qualifiedName() + "')");
            }
            todo.addAll(c.getSubcommands().values());
        }
        try (Stream<Path> s = Files.walk(CLI_SOURCES)) {
            for (Path src : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = DESCRIPTION_KEY.matcher(Files.readString(src, StandardCharsets.UTF_8));
                while (m.find()) {
                    expected.add(m.group(1));
                }
            }
        }
        for (String k : new TreeSet<>(en)) {
            if (!expected.contains(k) && !k.startsWith("usage.")) {
                problems.add("cli.properties: '" + k + "' is neither a command's help text nor a descriptionKey");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPatternIsAValidMessageFormatWithDoubledApostrophes() {
        List<String> problems = new ArrayList<>();
        for (String suffix : List.of("", "_zh_CN")) {
            bundles(suffix).forEach((file, props) -> {
                for (String key : new TreeSet<>(props.stringPropertyNames())) {
                    String pattern = props.getProperty(key);
                    try {
                        new MessageFormat(pattern).format(new Object[] {"a", "b", "c", "d"});
                    } catch (IllegalArgumentException e) {
                        problems.add(file + ": '" + key + "' is not a MessageFormat pattern: " + e.getMessage());
                        continue;
                    }
                    if (pattern.replace("''", "").contains("'")) {
                        problems.add(file + ": '" + key + "' has a single apostrophe; write '' for a literal one");
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Chinese values that may read like the English one: names (the product, PowerShell, Java),
     * identifiers and struct fields users type or look up as they are (GUID, ID, VmId, hvx, null),
     * keyboard shortcuts, units and line-ending names, and patterns made only of arguments.
     */
    static final Set<String> SAME_IN_CHINESE = Set.of(
            "app.title", "info.java", "guid.form.powershell", "settings.powershell",          // names
            "guid.canonical", "guid.form.defineGuid", "guid.address.vmId", "guid.address.serviceId",
            "services.table.id", "services.column.id", "vms.column.id", "services.kind.hvx",
            "json.type.null", "services.format.json",                                         // identifiers
            "nav.shortcut", "settings.shortcut",                                              // keys
            "services.confirm.suffix",                                   // the CLI's answer letters
            "term.ending.lf", "term.ending.cr", "term.ending.crlf", "tester.chart.microseconds",
            "tester.summary.throughput", "tester.cli.progress.throughput", "conn.tab.title",  // units, arguments
            "usage.headerHeading");                                      // empty in both

    /** Three or more English words in a row: a sentence left untranslated (commands are taken out first). */
    private static final Pattern ENGLISH_RUN = Pattern.compile("\\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}\\b");
    private static final Pattern CHINESE = Pattern.compile("[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]");
    /** ASCII punctuation against a Chinese character: Chinese text takes the full-width forms (：；，（）). */
    private static final Pattern HALF_WIDTH = Pattern.compile("[\\u4e00-\\u9fff][:;,!?(]|[)][\\u4e00-\\u9fff]");
    /** Names quoted from Windows in Chinese sentences (a registry file's first line, an integration service). */
    private static final Set<String> ENGLISH_RUN_ALLOWED = Set.of("error.services.reg.header", "vms.view.services.gsiDisabled");

    @Test
    void everyChineseValueIsWrittenInChinese() {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>(Messages.BUNDLES);
        names.add("i18n.cli");
        for (String bundle : names) {
            Properties en = load(file(bundle, ""));
            Properties zh = load(file(bundle, "_zh_CN"));
            for (String k : new TreeSet<>(zh.stringPropertyNames())) {
                String z = zh.getProperty(k);
                boolean copied = z.equals(en.getProperty(k)) || !CHINESE.matcher(z).find();
                if (copied && !SAME_IN_CHINESE.contains(k)) {
                    problems.add(file(bundle, "_zh_CN") + ": '" + k + "' is not in Chinese: " + z);
                }
                // commands (hvx …), arguments and options are quoted as they are typed
                String prose = z.replaceAll("\\{[^}]*}", " ").replaceAll("hvx( [\\w|:<>.-]+)*", " ")
                        .replaceAll("--[\\w-]+", " ");
                Matcher m = ENGLISH_RUN.matcher(prose);
                Matcher half = HALF_WIDTH.matcher(z);
                if (half.find()) {
                    problems.add(file(bundle, "_zh_CN") + ": '" + k + "' has half-width punctuation in Chinese text (\""
                            + half.group() + "\"): " + z);
                }
                if (m.find() && !ENGLISH_RUN_ALLOWED.contains(k)) {
                    problems.add(file(bundle, "_zh_CN") + ": '" + k + "' has English words in a row (\"" + m.group() + "\"): " + z);
                }
            }
        }
        for (String k : SAME_IN_CHINESE) {
            boolean defined = names.stream().anyMatch(b -> load(file(b, "_zh_CN")).containsKey(k));
            if (!defined) {
                problems.add("SAME_IN_CHINESE names '" + k + "', which no bundle has: take it off the list");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theChineseCheckFindsCopiedAndHalfTranslatedValues() {
        assertThat(CHINESE.matcher("Open the log").find()).isFalse();
        assertThat(CHINESE.matcher("打开日志").find()).isTrue();
        assertThat(ENGLISH_RUN.matcher("已删除。the file was kept").find()).isTrue();
        assertThat(ENGLISH_RUN.matcher("请运行 vsock:5000 和 GUID").find()).isFalse();
        assertThat(HALF_WIDTH.matcher("沙盒:{0}").find()).isTrue();
        assertThat(HALF_WIDTH.matcher("沙盒：{0}（vsock:端口）").find()).isFalse();
    }

    @Test
    void keyScannerReadsLiteralsInTheFirstArgumentOnly() {
        Map<String, String> keys = new LinkedHashMap<>();
        scan("x = Messages.get(ok ? \"a.yes\" : \"a.no\", \"not.a.key\"); Problem.of(\"p.k\", n);"
                + " Messages.key( \"k.k\" ); other.get(\"no\"); Messages.get(helpKey());", "T.java", keys);
        assertThat(keys.keySet()).containsExactlyInAnyOrder("a.yes", "a.no", "p.k", "k.k");
    }

    // --- helpers

    /** key → first file using it. */
    private static Map<String, String> usedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path src : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                scan(Files.readString(src, StandardCharsets.UTF_8), MAIN.relativize(src).toString(), keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(keys).as("keys found in " + MAIN).isNotEmpty();
        return keys;
    }

    /** Adds the string literals of the first argument of every key call in {@code code}. */
    static void scan(String code, String where, Map<String, String> keys) {
        for (String call : KEY_CALLS) {
            Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(call) + "\\s*\\(").matcher(code);
            while (m.find()) {
                int depth = 0;
                int i = m.end();
                while (i < code.length()) {
                    char c = code.charAt(i);
                    if (c == '"') {
                        int end = i + 1;
                        StringBuilder lit = new StringBuilder();
                        while (end < code.length() && code.charAt(end) != '"') {
                            if (code.charAt(end) == '\\') {
                                end++;
                            }
                            lit.append(code.charAt(end));
                            end++;
                        }
                        keys.putIfAbsent(lit.toString(), where);
                        i = end + 1;
                        continue;
                    }
                    if (c == '(') {
                        depth++;
                    } else if (c == ')') {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (c == ',' && depth == 0) {
                        break;
                    }
                    i++;
                }
            }
        }
    }

    /** Bundle file (e.g. resources/i18n/app.properties) → its properties, for {@link Messages#BUNDLES}. */
    private static Map<String, Properties> bundles(String suffix) {
        Map<String, Properties> m = new LinkedHashMap<>();
        for (String bundle : Messages.BUNDLES) {
            Path f = file(bundle, suffix);
            m.put(f.toString(), load(f));
        }
        // Key by base bundle so en and zh maps line up for the "same bundle" check.
        Map<String, Properties> byBundle = new LinkedHashMap<>();
        List<String> names = Messages.BUNDLES;
        int i = 0;
        for (Properties p : m.values()) {
            byBundle.put(file(names.get(i++), "").toString(), p);
        }
        return byBundle;
    }

    private static Path file(String bundle, String suffix) {
        return I18N.resolve(bundle.substring(bundle.indexOf('.') + 1) + suffix + ".properties");
    }

    private static Properties load(Path f) {
        assertThat(f).as("bundle file").exists();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
