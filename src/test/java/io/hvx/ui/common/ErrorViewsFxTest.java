package io.hvx.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ErrorViewsFxTest {

    private ErrorBanner banner;

    @Start
    void start(Stage stage) {
        Theme.LIGHT.apply();
        banner = new ErrorBanner();
        Scene scene = new Scene(new VBox(banner), 640, 360);
        scene.getStylesheets().add(Theme.APP_STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void textOfAnHvxExceptionIsItsSentenceAndDetail() {
        ErrorText t = ErrorText.of(new InvalidInputException(Problem.of("error.guid.input", "xyz"), "raw: xyz"));
        assertThat(t.sentence()).isEqualTo("'xyz' is not a GUID, a vsock:PORT or a known alias");
        assertThat(t.detail()).isEqualTo("raw: xyz");
    }

    @Test
    void anUnexpectedFailureSaysSoAndKeepsTheStackTraceAsDetail() {
        ErrorText t = ErrorText.of(new java.util.concurrent.ExecutionException(new IllegalStateException("boom")));
        assertThat(t.sentence()).contains("IllegalStateException").contains("Something unexpected");
        assertThat(t.detail()).contains("java.lang.IllegalStateException: boom").contains("ErrorViewsFxTest");
    }

    @Test
    void bannerIsHiddenUntilShownAndRevealsDetailOnRequest(FxRobot robot) {
        assertThat(banner.isVisible()).isFalse();
        assertThat(banner.isManaged()).as("takes no space while hidden").isFalse();

        robot.interact(() -> banner.show(new OperationFailedException(
                Problem.of("error.guid.input", "abc"), "code 10049")));
        TextArea detail = robot.lookup("#error-banner .text-area").queryAs(TextArea.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.sentence()).isEqualTo("'abc' is not a GUID, a vsock:PORT or a known alias");
        assertThat(detail.isVisible()).isFalse();

        robot.clickOn(robot.lookup("#error-banner .hyperlink").queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(detail.isVisible()).isTrue();
        assertThat(detail.getText()).isEqualTo("code 10049");

        robot.interact(banner::clear);
        assertThat(banner.isShowing()).isFalse();
    }

    @Test
    void aBoundBannerFollowsTheErrorAndItsCloseButtonClearsIt(FxRobot robot) {
        javafx.beans.property.ObjectProperty<ErrorText> error = new javafx.beans.property.SimpleObjectProperty<>();
        robot.interact(() -> banner.bind(error));
        assertThat(banner.isShowing()).isFalse();
        robot.interact(() -> error.set(new ErrorText("Store is locked.", "lock held by pid 42")));
        assertThat(banner.isShowing()).isTrue();
        assertThat(banner.sentence()).isEqualTo("Store is locked.");
        robot.clickOn(robot.lookup("#error-banner .button").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.get()).isNull();
        assertThat(banner.isShowing()).isFalse();
    }

    @Test
    void anHvxExceptionWrappedInAnotherIsStillShownWithItsOwnSentence() {
        ErrorText t = ErrorText.of(new java.io.UncheckedIOException(new java.io.IOException(
                new OperationFailedException(Problem.of("error.guid.input", "q"), "detail"))));
        assertThat(t.sentence()).isEqualTo("'q' is not a GUID, a vsock:PORT or a known alias");
        assertThat(t.detail()).isEqualTo("detail");
    }

    @Test
    void bannerWithoutDetailOffersNoDetailsLink(FxRobot robot) {
        robot.interact(() -> banner.show(new ErrorText("Plain sentence.", null)));
        assertThat(robot.lookup("#error-banner .hyperlink").queryAs(Hyperlink.class).isVisible()).isFalse();
    }

    @Test
    void dialogShowsTheSentenceWithDetailBehindTheExpander(FxRobot robot) {
        Alert[] alert = new Alert[1];
        robot.interact(() -> alert[0] = ErrorDialog.create(null, new ErrorText("It failed. Try again.", "errno 111")));
        assertThat(((Label) alert[0].getDialogPane().getContent()).getText()).isEqualTo("It failed. Try again.");
        assertThat(alert[0].getDialogPane().getExpandableContent().lookup("#error-detail"))
                .isInstanceOfSatisfying(TextArea.class, a -> assertThat(a.getText()).isEqualTo("errno 111"));
        assertThat(alert[0].getDialogPane().isExpanded()).isFalse();

        robot.interact(() -> alert[0] = ErrorDialog.create(null, new ErrorText("No detail.", null)));
        assertThat(alert[0].getDialogPane().getExpandableContent()).isNull();
    }
}
