package io.hvx.ui.tester;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.doctor.CheckResult;
import io.hvx.ui.common.Clipboards;
import io.hvx.ui.common.ErrorBanner;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Doctor tab: Run, a summary line, and one row per check as it arrives — a pass / fail /
 * unknown badge, the check, its sentence and hints, the fix and its button.
 */
final class DoctorPane extends BorderPane {

    private final DoctorViewModel d;
    private final VBox rows = new VBox();

    DoctorPane(TesterViewModel target, DoctorViewModel d) {
        this.d = d;
        getStyleClass().add("doctor-pane");
        Button run = new Button(Messages.get("doctor.ui.run"), new FontIcon(Feather.PLAY));
        run.setId("doctor-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(d.runningProperty());
        run.setOnAction(e -> d.run(target.vmProperty().get(), target.serviceProperty().get(), target.effectiveTimeout()));
        Label summary = new Label();
        summary.setId("doctor-summary");
        summary.getStyleClass().add("doctor-summary");
        summary.textProperty().bind(d.summaryProperty());
        summary.setWrapText(true);
        HBox bar = new HBox(run, summary);
        bar.getStyleClass().add("doctor-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        ErrorBanner banner = new ErrorBanner();
        banner.setId("doctor-error");
        banner.bind(d.errorProperty());
        Label intro = new Label(Messages.get("doctor.ui.intro"));
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        intro.setWrapText(true);
        setTop(new VBox(bar, intro, banner));
        ((VBox) getTop()).getStyleClass().add("doctor-top");

        rows.setId("doctor-rows");
        rows.getStyleClass().add("doctor-rows");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("doctor-scroll");
        setCenter(scroll);
        d.checks().addListener((ListChangeListener<CheckResult>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().setAll(d.checks().stream().map(this::row).toList());
    }

    private Node row(CheckResult r) {
        Label badge = new Label(r.status().label(), new FontIcon(switch (r.status()) {
            case PASS -> Feather.CHECK_CIRCLE;
            case FAIL -> Feather.X_CIRCLE;
            case UNKNOWN -> Feather.HELP_CIRCLE;
        }));
        badge.getStyleClass().addAll("doctor-badge", "doctor-badge-" + r.status().id());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(r.title());
        title.getStyleClass().addAll("doctor-title", Styles.TEXT_BOLD);
        Label message = new Label(r.message().message());
        message.setWrapText(true);
        message.getStyleClass().add("doctor-message");
        VBox text = new VBox(title, message);
        text.getStyleClass().add("doctor-text");
        for (Problem h : r.hints()) {
            Label hint = new Label(h.message());
            hint.setWrapText(true);
            hint.getStyleClass().addAll("doctor-hint", Styles.TEXT_MUTED);
            text.getChildren().add(hint);
        }
        r.fixIfAny().ifPresent(f -> {
            Label fix = new Label(Messages.get("doctor.fix", f.sentence().message()));
            fix.setWrapText(true);
            fix.getStyleClass().add("doctor-fix");
            text.getChildren().add(fix);
            if (f.command() != null) {
                // selectable, so a command can be copied in part too
                TextField command = new TextField(f.command());
                command.setEditable(false);
                command.getStyleClass().addAll("mono", "value-field", "doctor-command");
                text.getChildren().add(command);
            }
        });
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(badge, text);
        row.getStyleClass().addAll("doctor-row", "doctor-row-" + r.status().id());
        row.setId("doctor-row-" + r.id());
        if (d.canFix(r)) {
            Button fix = new Button(DoctorViewModel.fixLabel(r.fix()), new FontIcon(switch (r.fix().action()) {
                case REGISTER_SERVICE -> Feather.PLUS;
                case RESTART_ELEVATED -> Feather.SHIELD;
                default -> Feather.COPY;
            }));
            fix.setId("doctor-fix-" + r.id());
            fix.setMinWidth(Region.USE_PREF_SIZE);
            fix.setOnAction(e -> {
                String command = d.fix(r);
                if (command != null) {
                    Clipboards.copy(command);
                }
            });
            row.getChildren().add(fix);
        }
        return row;
    }
}
