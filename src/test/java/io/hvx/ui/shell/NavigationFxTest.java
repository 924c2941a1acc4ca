package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Environment;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.guid.GuidWorkbenchSection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Switching sections by click, Ctrl+digit and "open in GUID workbench"; the last section is remembered. */
@ExtendWith(ApplicationExtension.class)
class NavigationFxTest {

    /** A second section as another feature would add it. */
    private static final class OtherSection implements Section {
        int shown;
        boolean disposed;
        private Label view;

        @Override
        public String id() {
            return "other";
        }

        @Override
        public String titleKey() {
            return "nav.guid"; // any existing key; the test looks at ids, not titles
        }

        @Override
        public Ikon icon() {
            return Feather.SERVER;
        }

        @Override
        public Node view() {
            if (view == null) {
                view = new Label("other view");
                view.setId("other-view");
            }
            return view;
        }

        @Override
        public void onShow() {
            shown++;
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }

    private final Settings settings = Settings.inMemory();
    private final OtherSection other = new OtherSection();
    private final AtomicInteger closed = new AtomicInteger();
    private GuidWorkbenchSection guid;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Navigator nav = new Navigator();
        guid = new GuidWorkbenchSection(nav, List::of, List::of, TestTasks.immediate());
        Environment env = new Environment(Mode.WINDOWS, true, "9.9", "Windows 11", "25",
                Path.of("/tmp/unused-sandbox"), Path.of("/tmp/unused-data"));
        List<Section> sections = List.of(guid, other);
        ShellViewModel shell = new ShellViewModel(env, sections.stream().map(Section::id).toList(), settings,
                StartupChoices.of(env), configured -> {
                    throw new AssertionError("no PowerShell test here");
                }, path -> path, null, TestTasks.immediate(), new TestDialogs());
        MainWindow window = new MainWindow(stage, shell, sections, settings, nav);
        window.setOnClosed(() -> {
            assertThat(settings.getDouble(Settings.Key.WINDOW_WIDTH)).as("saved before the close action").isPresent();
            closed.incrementAndGet();
        });
        window.show();
    }

    private boolean selected(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ToggleButton.class).isSelected();
    }

    @Test
    void ctrlDigitSwitchesSectionsAndTheChoiceIsRemembered(FxRobot robot) {
        assertThat(selected(robot, "#nav-guid")).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected(robot, "#nav-other")).isTrue();
        assertThat(robot.lookup("#other-view").tryQuery()).isPresent();
        assertThat(other.shown).isEqualTo(1);
        assertThat(settings.get(Settings.Key.SECTION)).contains("other");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected(robot, "#nav-guid")).isTrue();
        assertThat(robot.lookup("#other-view").tryQuery()).isEmpty();
    }

    @Test
    void clickingTheSelectedEntryKeepsItSelected(FxRobot robot) {
        robot.clickOn("#nav-guid");
        assertThat(selected(robot, "#nav-guid")).isTrue();
    }

    @Test
    void otherSectionsOpenTheWorkbenchWithAText(FxRobot robot) {
        robot.clickOn("#nav-other");
        robot.interact(() -> guid.open("  vsock:7 "));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(selected(robot, "#nav-guid")).isTrue();
        assertThat(robot.lookup("#guid-input").queryAs(TextField.class).getText()).isEqualTo("vsock:7");
        assertThat(robot.lookup("#guid-canonical").queryAs(TextField.class).getText())
                .isEqualTo("00000007-facb-11e6-bd58-64006a7986d3");
    }

    @Test
    void statusBarShowsElevationAndNoSandboxDirOutsideSandboxMode(FxRobot robot) {
        assertThat(robot.lookup("#status-mode").queryAs(Label.class).getText()).isEqualTo("Windows host");
        assertThat(robot.lookup("#status-elevation").queryAs(Label.class).getText()).isEqualTo("Administrator (elevated)");
        assertThat(robot.lookup("#status-sandbox-dir").tryQuery()).isEmpty();
    }

    @Test
    void closingTheWindowSavesGeometryThenRunsTheCloseActionOnce(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        robot.interact(stage::close);
        assertThat(settings.getDouble(Settings.Key.WINDOW_WIDTH)).contains(1000.0);
        assertThat(settings.getDouble(Settings.Key.WINDOW_HEIGHT)).contains(700.0);
        assertThat(settings.get(Settings.Key.WINDOW_MAXIMIZED)).contains("false");
        assertThat(closed).hasValue(1);
        assertThat(other.disposed).as("sections are the composition root's to dispose").isFalse();
    }
}
