package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GUI launcher takes the GUI's options in either form and skips, with a note, what it does not know. */
class GuiMainTest {

    private final List<String> notes = new ArrayList<>();

    private GuiMain.Options parse(String... args) {
        return GuiMain.Options.parse(args, notes::add);
    }

    @Test
    void noArgumentsOpenTheDefaultGui() {
        assertThat(parse()).isEqualTo(new GuiMain.Options(null, null, false));
        assertThat(notes).isEmpty();
    }

    @Test
    void readsTheGuiOptionsWithSpaceOrEquals() {
        assertThat(parse("--sandbox-dir", "/tmp/x", "--mode", "sandbox"))
                .isEqualTo(new GuiMain.Options(Mode.SANDBOX, Path.of("/tmp/x"), false));
        assertThat(parse("--sandbox-dir=/tmp/y", "--mode=windows", "--smoke-test"))
                .isEqualTo(new GuiMain.Options(Mode.WINDOWS, Path.of("/tmp/y"), true));
        assertThat(notes).isEmpty();
    }

    @Test
    void skipsWhatItDoesNotKnowAndStillOpensTheGui() {
        var o = parse("guid", "--json", "--sandbox-dir", "/tmp/z", "file.reg");
        assertThat(o).isEqualTo(new GuiMain.Options(null, Path.of("/tmp/z"), false));
        assertThat(notes).hasSize(3).allMatch(n -> n.contains("--sandbox-dir"));
        assertThat(notes.get(0)).contains("guid");
        assertThat(notes.get(2)).contains("file.reg");
    }

    @Test
    void anUnknownModeIsReportedAndTheModeDetected() {
        assertThat(parse("--mode", "hyperv").mode()).isNull();
        assertThat(notes).singleElement().asString().contains("hyperv");
    }

    @Test
    void anOptionWithoutItsValueIsReported() {
        assertThat(parse("--sandbox-dir")).isEqualTo(new GuiMain.Options(null, null, false));
        assertThat(notes).singleElement().asString().contains("--sandbox-dir");
    }
}
