package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, defect 8, checked against Windows itself: {@code reg import} (regedit's importer) is
 * given files under a scratch key in HKCU and what it wrote is read back with {@code reg query}.
 * The facts our reader follows: the abbreviated root is refused in a file, and {@code hex(1)} in a
 * REGEDIT4 file is ANSI. Each observation is printed.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "runs reg.exe, Windows' own registry file importer")
class RegFileIT {

    @TempDir
    Path tmp;

    private final String scratch = "Software\\HvSocketExplorerRegIT\\" + Guid.random();

    @AfterEach
    void cleanUp() throws Exception {
        run("reg", "delete", "HKCU\\Software\\HvSocketExplorerRegIT", "/f");
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private Result importFile(String text, java.nio.charset.Charset cs) throws Exception {
        Path f = tmp.resolve("f" + System.nanoTime() + ".reg");
        Files.write(f, text.getBytes(cs));
        return run("reg", "import", f.toString());
    }

    @Test
    void windowsRefusesTheAbbreviatedRootInAFileAsOurReaderDoes() throws Exception {
        String v5 = "Windows Registry Editor Version 5.00\r\n\r\n";
        Result abbreviated = importFile(v5 + "[HKCU\\" + scratch + "]\r\n\"ElementName\"=\"x\"\r\n", StandardCharsets.UTF_16LE);
        Result full = importFile(v5 + "[HKEY_CURRENT_USER\\" + scratch + "]\r\n\"ElementName\"=\"x\"\r\n",
                StandardCharsets.UTF_16LE);
        Result query = run("reg", "query", "HKCU\\" + scratch, "/v", "ElementName");
        System.out.println("RegFileIT abbreviated root: exit " + abbreviated.code() + " " + abbreviated.output().strip()
                + " | full root: exit " + full.code() + " | query: " + query.output().strip());
        assertThat(full.code()).isZero();
        assertThat(query.output()).contains("ElementName").contains("x");
        // our reader refuses the abbreviation for HKEY_LOCAL_MACHINE with a sentence, never silently
        assertThat(abbreviated.code()).as("reg import accepted [HKCU\\…]: " + abbreviated.output()).isNotZero();
    }

    @Test
    void hex1InARegedit4FileIsReadAsAnsiByWindowsAndByOurReader() throws Exception {
        String file = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\" + scratch + "]\r\n\"ElementName\"=hex(1):43,61,66,e9,00\r\n";
        Result imported = importFile(file, StandardCharsets.ISO_8859_1);
        Result query = run("reg", "query", "HKCU\\" + scratch, "/v", "ElementName");
        System.out.println("RegFileIT REGEDIT4 hex(1): import exit " + imported.code() + " | query: " + query.output().strip());
        assertThat(imported.code()).isZero();
        assertThat(query.output()).contains("REG_SZ").contains("Caf");

        String ours = "REGEDIT4\r\n\r\n[" + RegFile.PARENT + "\\0007a120-facb-11e6-bd58-64006a7986d3]\r\n"
                + "\"ElementName\"=hex(1):43,61,66,e9,00\r\n";
        List<ImportPlan.Entry> e = RegFile.read("a.reg", ours.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(e.getFirst().name()).isEqualTo("Café");
    }
}
