package io.hvx.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.ui.common.DialogService.ChoiceQuestion;
import io.hvx.ui.common.DialogService.Confirmation;
import io.hvx.ui.common.DialogService.Form;
import io.hvx.ui.common.DialogService.TextQuestion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.decoration.Decorator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app's dialogs, answered by clicking as a user would (headless). */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceFxTest {

    private FxDialogService dialogs;

    @Start
    void start(Stage stage) {
        Theme.LIGHT.apply();
        stage.setScene(new Scene(new VBox(), 640, 400));
        stage.show();
        dialogs = new FxDialogService(stage);
    }

    /** Asks on the FX thread (the dialog blocks there in a nested loop) and hands back the answer later. */
    private static <T> CompletableFuture<T> ask(Supplier<T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(question.get()));
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    private static <T> T answer(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConfirmationIsOkOrCancelAndAWarningYesOrNo(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> ok = ask(() -> dialogs.confirm(Confirmation.of("Remove", "Remove \"x\"?", "It goes.")));
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText()).isEqualTo("It goes.");
        robot.clickOn("OK");
        assertThat(answer(ok)).isTrue();

        CompletableFuture<Boolean> no = ask(() -> dialogs.confirm(Confirmation.warning("Remove", "Another tool's", "Sure?")));
        robot.clickOn("No");
        assertThat(answer(no)).isFalse();
    }

    @Test
    void aTextQuestionMarksBadTextAndKeepsOkDisabledUntilItIsFine(FxRobot robot) throws Exception {
        CompletableFuture<Optional<String>> name = ask(() -> dialogs.askText(new TextQuestion("Rename", "New name",
                "Rename", "old", t -> t.isBlank() ? "The name is empty." : null)));
        TextField field = robot.lookup("#dialog-text").queryAs(TextField.class);
        Button ok = robot.lookup(".dialog-pane .button").match((Button b) -> "Rename".equals(b.getText())).queryButton();
        robot.interact(() -> field.setText("   "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dialog-problem").queryAs(Label.class).getText()).isEqualTo("The name is empty.");
        assertThat(ok.isDisabled()).isTrue();
        assertThat(Decorator.getDecorations(field)).as("ControlsFX marks the field").isNotEmpty();

        robot.interact(() -> field.setText("  new name "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok.isDisabled()).isFalse();
        assertThat(robot.lookup("#dialog-problem").queryAs(Label.class).getText()).isEmpty();
        robot.clickOn(ok);
        assertThat(answer(name)).contains("new name");
    }

    @Test
    void aChoiceShowsLabelsAndReturnsTheChoice(FxRobot robot) throws Exception {
        CompletableFuture<Optional<Integer>> n = ask(() -> dialogs.askChoice(
                new ChoiceQuestion<>("Interval", "How often?", List.of(5, 15, 60), 15, s -> "every " + s + " s")));
        assertThat(robot.lookup("#dialog-choice").queryAs(javafx.scene.control.ComboBox.class).getValue()).isEqualTo(15);
        assertThat(robot.lookup("every 15 s").tryQuery()).isPresent();
        robot.clickOn("OK");
        assertThat(answer(n)).contains(15);
    }

    private record Agreement(SimpleBooleanProperty agreed) implements Form {
        @Override
        public String title() {
            return "Terms";
        }

        @Override
        public String header() {
            return "Read them";
        }

        @Override
        public String okText() {
            return "Agree";
        }

        @Override
        public ObservableBooleanValue okAllowed() {
            return agreed;
        }
    }

    @Test
    void aFormIsShownWithItsRegisteredViewAndOkFollowsTheForm(FxRobot robot) throws Exception {
        dialogs.register(Agreement.class, f -> {
            javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox("I agree");
            box.setId("agree");
            box.selectedProperty().bindBidirectional(f.agreed());
            return box;
        });
        Agreement form = new Agreement(new SimpleBooleanProperty(false));
        CompletableFuture<Boolean> shown = ask(() -> dialogs.showForm(form));
        Button ok = robot.lookup(".dialog-pane .button").match((Button b) -> "Agree".equals(b.getText())).queryButton();
        assertThat(ok.isDisabled()).isTrue();
        robot.clickOn("#agree");
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        assertThat(answer(shown)).isTrue();
    }

    @Test
    void aFormWithoutAViewIsADefect() {
        assertThatThrownBy(() -> dialogs.showForm(new Agreement(new SimpleBooleanProperty(true))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no view registered");
    }
}
