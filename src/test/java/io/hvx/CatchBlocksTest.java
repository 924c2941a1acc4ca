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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No failure vanishes without a word (DESIGN.md §3): in {@code src/main/java}, a catch block
 * that neither uses its exception (log it, wrap it, pass it on), throws, nor restores the
 * interrupt must say in a comment why nothing is lost; the same holds for a failure callback
 * that does nothing ({@code t -> { }}).
 */
class CatchBlocksTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern CATCH = Pattern.compile("catch\\s*\\(([^)]*)\\)\\s*\\{");
    private static final Pattern EMPTY_FAILURE_CALLBACK =
            Pattern.compile("\\b(t|e|ex|err|error|failure|cause|throwable)\\s*->\\s*\\{\\s*}");

    @Test
    void everyDroppedExceptionIsLoggedOrExplained() throws IOException {
        assertThat(findings()).as("catch blocks and failure callbacks that drop an exception silently:"
                + " log it, or say in a comment why nothing is lost").isEmpty();
    }

    @Test
    void theScannerSeesWhatItShould() {
        assertThat(scan("X.java", "try { a(); } catch (IOException e) { return null; }")).containsExactly("X.java: catch (IOException e)");
        assertThat(scan("X.java", "try { a(); } catch (IOException e) { }")).hasSize(1);
        assertThat(scan("X.java", "try { a(); } catch (IOException e) { // the file is optional\n return null; }")).isEmpty();
        assertThat(scan("X.java", "try { a(); } catch (IOException e) { LOG.log(WARNING, \"x\", e); }")).isEmpty();
        assertThat(scan("X.java", "try { a(); } catch (IOException e) { throw new Failed(\"{ }\"); }")).isEmpty();
        assertThat(scan("X.java", "try { a(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }")).isEmpty();
        assertThat(scan("X.java", "s = \"catch (IOException e) { }\";")).as("text in a string").isEmpty();
        assertThat(scan("X.java", "tasks.run(work, ok, t -> { });")).containsExactly("X.java: t -> { }");
        assertThat(scan("X.java", "tasks.run(work, ok, t -> { /* nothing to show: see above */ });")).isEmpty();
    }

    private static TreeSet<String> findings() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(f).toString().replace('\\', '/');
                found.addAll(scan(name, Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    /** The silent catch blocks and failure callbacks of one source file. */
    static List<String> scan(String file, String source) {
        String code = blankStrings(source);
        List<String> found = new ArrayList<>();
        Matcher m = CATCH.matcher(code);
        while (m.find()) {
            String header = m.group(1).strip().replaceAll("\\s+", " ");
            String variable = header.substring(header.lastIndexOf(' ') + 1);
            String body = code.substring(m.end(), closingBrace(code, m.end()));
            boolean explained = body.contains("//") || body.contains("/*");
            String statements = withoutComments(body);
            boolean used = Pattern.compile("\\b" + Pattern.quote(variable) + "\\b").matcher(statements).find()
                    || statements.contains("throw ") || statements.contains(".interrupt()");
            if (!explained && !used) {
                found.add(file + ": catch (" + header + ")");
            }
        }
        Matcher l = EMPTY_FAILURE_CALLBACK.matcher(code);
        while (l.find()) {
            found.add(file + ": " + l.group(1) + " -> { }");
        }
        return found;
    }

    /** The index of the brace closing the block whose body starts at {@code from}. */
    private static int closingBrace(String code, int from) {
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** The source with the inside of string and char literals blanked, comments kept. */
    private static String blankStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                out.append(s, i, end);
                i = end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                out.append(s, i, end);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append("\"\"\"").append(" ".repeat(Math.max(0, end - i - 6))).append("\"\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(c).append(" ".repeat(Math.max(0, Math.min(j, s.length()) - i - 1))).append(c);
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
