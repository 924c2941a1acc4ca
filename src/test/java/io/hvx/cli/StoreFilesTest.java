package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.SandboxSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Store files hvx does not fully understand are refused, left byte-identical and copied aside,
 * never rewritten with parts dropped (issue 14 §5, §15, §16).
 */
class StoreFilesTest {

    @TempDir
    Path tmp;

    Path sb;
    CliHarness cli;

    static final String LINUX = "{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"demo-linux\",\"state\":\"Running\","
            + "\"generation\":2,\"version\":\"10.0\",\"memoryBytes\":2147483648,\"startedAt\":\"2026-11-25T20:00:27Z\","
            + "\"responders\":[]}";

    @BeforeEach
    void setUp() {
        sb = tmp.resolve("sb");
        cli = new CliHarness(sb);
    }

    CliHarness.Result hvx(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--mode";
        all[1] = "sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    List<Path> broken() throws IOException {
        try (Stream<Path> s = Files.list(sb)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".broken")).toList();
        }
    }

    void assertRefusedUntouchedAndCopied(Path file, byte[] content, CliHarness.Result r, String mention) throws IOException {
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("hvx: ").contains(file.getFileName().toString()).contains(mention)
                .doesNotContain("Exception");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(broken()).singleElement().satisfies(b -> assertThat(Files.readAllBytes(b)).isEqualTo(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalidId", "nonStringName", "trailingData", "newerVersion", "duplicateId", "duplicateKey"})
    void aVmFileHvxDoesNotFullyUnderstandIsRefusedLeftAsItIsAndCopiedAside(String which) throws Exception {
        String doc = switch (which) {
            case "invalidId" -> "{\"version\":1,\"vms\":[" + LINUX + ",{\"id\":\"not-a-guid\",\"name\":\"x\"}]}";
            case "nonStringName" -> "{\"version\":1,\"vms\":[" + LINUX.replace("\"demo-linux\"", "5") + "]}";
            case "trailingData" -> "{\"version\":1,\"vms\":[" + LINUX + "]}\n{\"more\":true}\n";
            case "newerVersion" -> "{\"version\":3,\"vms\":[" + LINUX + "],\"snapshots\":[{\"id\":1}]}";
            case "duplicateId" -> "{\"version\":1,\"vms\":[" + LINUX + "," + LINUX.replace("demo-linux", "twin") + "]}";
            case "duplicateKey" -> "{\"version\":1,\"vms\":[" + LINUX.replace("{\"id\"", "{\"name\":\"a\",\"id\"") + "]}";
            default -> throw new IllegalArgumentException(which);
        };
        Files.createDirectories(sb);
        Path file = sb.resolve("vms.json");
        byte[] content = doc.getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        String mention = switch (which) {
            case "invalidId" -> "$.vms[1].id";
            case "nonStringName" -> "$.vms[0].name";
            case "trailingData" -> "after the JSON document";
            case "newerVersion" -> "version 3";
            case "duplicateId" -> "$.vms[1]";
            default -> "name";
        };
        assertRefusedUntouchedAndCopied(file, content, hvx("sandbox", "vm", "add", "newcomer"), mention);
        assertThat(hvx("vms").exit()).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    static final String ECHO = "{\"id\":\"00000007-facb-11e6-bd58-64006a7986d3\",\"name\":\"Demo echo\","
            + "\"createdBy\":\"hvx sandbox\",\"createdAt\":\"2026-11-25T20:19:36Z\"}";

    @ParameterizedTest
    @ValueSource(strings = {"nonStringName", "trailingData", "newerVersion", "duplicateKey", "unknownField"})
    void aServiceStoreHvxDoesNotFullyUnderstandIsRefusedLeftAsItIsAndCopiedAside(String which) throws Exception {
        String doc = switch (which) {
            case "nonStringName" -> "{\"version\":1,\"services\":[" + ECHO.replace("\"Demo echo\"", "7") + "]}";
            case "trailingData" -> "{\"version\":1,\"services\":[" + ECHO + "]}\n]garbage";
            case "newerVersion" -> "{\"version\":2,\"services\":[" + ECHO + "],\"groups\":[\"a\"]}";
            case "duplicateKey" -> "{\"version\":1,\"services\":[" + ECHO.replace("{\"id\"", "{\"name\":\"x\",\"id\"") + "]}";
            case "unknownField" -> "{\"version\":1,\"services\":[" + ECHO.replace("{\"id\"", "{\"owner\":\"ops\",\"id\"") + "]}";
            default -> throw new IllegalArgumentException(which);
        };
        Files.createDirectories(sb);
        Path file = sb.resolve("services.json");
        byte[] content = doc.getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        String mention = switch (which) {
            case "nonStringName" -> "$.services[0].name";
            case "trailingData" -> "after the JSON document";
            case "newerVersion" -> "version 2";
            case "duplicateKey" -> "name";
            default -> "owner";
        };
        assertRefusedUntouchedAndCopied(file, content, hvx("services", "add", "--name", "new", "--vsock-port", "77"), mention);
        assertThat(hvx("services", "list").exit()).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\":1,\"changes\":[null]}",
            "{\"version\":1,\"changes\":[{\"store\":null,\"action\":\"add\",\"at\":\"x\",\"before\":[],\"after\":[]}]}",
            "{\"version\":1,\"changes\":[{\"store\":\"STORE\",\"action\":\"add\",\"at\":\"x\","
                    + "\"before\":[{\"id\":\"no-guid\",\"present\":false}],\"after\":[{\"id\":\"no-guid\",\"present\":false}]}]}",
            "{\"version\":1,\"changes\":[{\"store\":\"STORE\",\"action\":\"add\",\"at\":\"x\",\"before\":[null],\"after\":null}]}"})
    void aDamagedJournalIsReportedAsSuchAndOtherCommandsKeepWorking(String journal) throws Exception {
        assertThat(hvx("services", "list").exit()).isZero();
        Path data = sb.resolve("data");
        Files.createDirectories(data);
        String store = "file:" + sb.resolve("services.json").toAbsolutePath();
        Files.writeString(data.resolve("services-undo.json"), journal.replace("STORE", store.replace("\\", "\\\\")));
        CliHarness.Result undo = hvx("services", "undo");
        assertThat(undo.exit()).as(undo.err()).isEqualTo(1);
        assertThat(undo.err()).contains("damaged").contains("services-undo.json").doesNotContain("Exception");
        assertThat(hvx("services", "list").exit()).isZero();
        CliHarness.Result add = hvx("services", "add", "--name", "still works", "--vsock-port", "88");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(hvx("services", "undo").exit()).isZero();
        assertThat(hvx("services", "list").out()).doesNotContain("still works");
    }
}
