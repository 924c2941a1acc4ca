package io.hvx.ui.shell;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.common.Validation;
import java.io.File;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The content of the Settings dialog over a {@link SettingsForm}: Appearance (theme, language),
 * Connections (connect timeout, terminal scrollback), PowerShell (with Test) and Start-up (mode,
 * sandbox directory). Each field has its sentence under it: what it is for, when a change
 * applies, and what is wrong with what was typed (the field is marked with ControlsFX as well).
 */
public final class SettingsView extends VBox {

    static final String STYLESHEET = Objects.requireNonNull(SettingsView.class.getResource("/css/settings.css"),
            "css/settings.css").toExternalForm();

    private final ValidationSupport validation = new ValidationSupport();
    /** The column under the field of the row added last: its help, notes and problems go there. */
    private VBox current;

    public SettingsView(SettingsForm form) {
        setId("settings-form");
        getStyleClass().addAll("dialog-form", "settings-form");
        getStylesheets().add(STYLESHEET);
        if (form.loadProblem() != null) {
            Label problem = new Label(form.loadProblem(), new FontIcon(Feather.ALERT_TRIANGLE));
            problem.setId("settings-load-problem");
            problem.setWrapText(true);
            problem.getStyleClass().add("settings-load-problem");
            getChildren().add(problem);
        }
        heading(Messages.key("settings.section.appearance"));
        field(Messages.key("settings.theme"), choice("settings-theme", form.themes(), form.themeProperty()));
        field(Messages.key("settings.language"), choice("settings-language", form.languages(), form.languageProperty()));
        note("settings-language-note", form.languageNoteProperty(), "settings-restart");

        heading(Messages.key("settings.section.connections"));
        TextField timeout = text("settings-timeout", form.timeoutProperty(), form.timeoutProblemProperty());
        timeout.getStyleClass().add("settings-number");
        field(Messages.key("settings.timeout"), withUnit(timeout, Messages.key("settings.timeout.unit")));
        help(Messages.key("settings.timeout.help"));
        problem("settings-timeout-problem", form.timeoutProblemProperty());
        TextField scrollback = text("settings-scrollback", form.scrollbackProperty(), form.scrollbackProblemProperty());
        scrollback.getStyleClass().add("settings-number");
        field(Messages.key("settings.scrollback"), withUnit(scrollback, Messages.key("settings.scrollback.unit")));
        help(Messages.key("settings.scrollback.help"));
        problem("settings-scrollback-problem", form.scrollbackProblemProperty());

        heading(Messages.key("settings.section.powershell"));
        TextField powershell = text("settings-powershell", form.powershellProperty(), form.powershellProblemProperty());
        powershell.setPromptText(Messages.get("settings.powershell.prompt"));
        Button test = new Button(Messages.get("settings.powershell.test"), new FontIcon(Feather.PLAY));
        test.setId("settings-powershell-test");
        test.setMinWidth(USE_PREF_SIZE);
        test.disableProperty().bind(form.testingProperty().or(form.powershellProblemProperty().isNotNull()));
        test.setOnAction(e -> form.testPowerShell());
        field(Messages.key("settings.powershell"), row(powershell, test));
        note("settings-powershell-note", form.powershellNoteProperty(), null);
        problem("settings-powershell-problem", form.powershellProblemProperty());
        Label outcome = new Label(null, new FontIcon(Feather.CHECK_CIRCLE));
        outcome.setId("settings-powershell-outcome");
        outcome.setWrapText(true);
        outcome.getStyleClass().addAll(Styles.SUCCESS, "settings-outcome");
        bindShown(outcome, form.testOutcomeProperty());
        Label running = new Label(Messages.get("settings.powershell.running"));
        running.setId("settings-powershell-running");
        running.getStyleClass().add(Styles.TEXT_MUTED);
        running.visibleProperty().bind(form.testingProperty());
        running.managedProperty().bind(running.visibleProperty());
        ErrorBanner failed = new ErrorBanner();
        failed.setId("settings-powershell-error");
        failed.bind(form.testErrorProperty());
        failed.visibleProperty().addListener(o -> growToFit());
        under(new VBox(running, outcome, failed));

        heading(Messages.key("settings.section.startup"));
        field(Messages.key("settings.mode"), choice("settings-mode", form.modes(), form.modeProperty()));
        note("settings-mode-note", form.modeNoteProperty(), "settings-restart");
        TextField sandbox = text("settings-sandbox", form.sandboxDirProperty(), form.sandboxProblemProperty());
        sandbox.setPromptText(Messages.get("settings.sandbox.prompt"));
        Button browse = new Button(Messages.get("settings.sandbox.browse"), new FontIcon(Feather.FOLDER));
        browse.setId("settings-sandbox-browse");
        browse.setMinWidth(USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Messages.get("settings.sandbox.choose"));
            File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (chosen != null) {
                form.sandboxDirProperty().set(chosen.getAbsolutePath());
            }
        });
        field(Messages.key("settings.sandbox"), row(sandbox, browse));
        note("settings-sandbox-note", form.sandboxNoteProperty(), null);
        problem("settings-sandbox-problem", form.sandboxProblemProperty());
    }

    /**
     * Asked for its height without a width (a window sizing itself to its scene), the form
     * answers for its preferred width, so sentences that wrap under their fields count.
     */
    @Override
    protected double computePrefHeight(double width) {
        return super.computePrefHeight(width < 0 ? prefWidth(-1) : width);
    }

    /** A sentence appeared or grew: the dialog grows to show it whole (never shrinks under the user). */
    private void growToFit() {
        Scene scene = getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return;
        }
        scene.getRoot().applyCss();
        double extra = scene.getRoot().prefHeight(scene.getWidth()) - scene.getHeight();
        if (extra > 0.5) {
            scene.getWindow().setHeight(scene.getWindow().getHeight() + Math.ceil(extra));
        }
    }

    // Rows are boxes, not a GridPane: a GridPane sizes a row by its label's one-line height, so a
    // sentence that wraps under a field would be cut.
    private void heading(String key) {
        Label h = new Label(Messages.get(key));
        h.getStyleClass().addAll(Styles.TEXT_BOLD, "settings-heading");
        h.setMaxWidth(Double.MAX_VALUE);
        getChildren().add(h);
    }

    private void field(String labelKey, Node control) {
        Label l = new Label(Messages.get(labelKey));
        l.getStyleClass().add("settings-label");
        l.setMinWidth(USE_PREF_SIZE);
        l.setLabelFor(control);
        if (control instanceof javafx.scene.layout.Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        current = new VBox(control);
        current.getStyleClass().add("settings-field");
        HBox.setHgrow(current, Priority.ALWAYS);
        HBox row = new HBox(l, current);
        row.getStyleClass().add("settings-row");
        row.setAlignment(Pos.TOP_LEFT);
        getChildren().add(row);
    }

    /** A node under the field of the row added last. */
    private void under(Node n) {
        current.getChildren().add(n);
    }

    private void help(String key) {
        Label l = new Label(Messages.get(key));
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "settings-help");
        under(l);
    }

    /** A sentence that changes with the form; hidden while it is null. */
    private void note(String id, ReadOnlyStringProperty text, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, "settings-help");
        l.getStyleClass().add(styleClass != null ? styleClass : Styles.TEXT_MUTED);
        bindShown(l, text);
        under(l);
    }

    /** The problem of a field, under it in the danger colour; hidden while there is none. */
    private void problem(String id, ReadOnlyStringProperty text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, "danger", "dialog-problem");
        bindShown(l, text);
        under(l);
    }

    private void bindShown(Label l, ReadOnlyStringProperty text) {
        l.textProperty().bind(text);
        l.visibleProperty().bind(text.isNotNull());
        l.managedProperty().bind(l.visibleProperty());
        text.addListener(o -> growToFit());
    }

    private TextField text(String id, StringProperty value, ReadOnlyStringProperty problem) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        validation.registerValidator(f, false, Validation.from(problem::get));
        problem.addListener(o -> validation.revalidate());
        return f;
    }

    private static HBox withUnit(TextField field, String unitKey) {
        Label unit = new Label(Messages.get(unitKey));
        unit.getStyleClass().add(Styles.TEXT_MUTED);
        unit.setMinWidth(USE_PREF_SIZE);
        HBox box = new HBox(field, unit);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("form-row");
        return box;
    }

    private static HBox row(TextField field, Button button) {
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(field, button);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("form-row");
        return box;
    }

    /** A choice box over {@code options}, kept in step with {@code value} both ways. */
    private static <T> ComboBox<SettingsForm.Option<T>> choice(String id, List<SettingsForm.Option<T>> options,
                                                               ObjectProperty<T> value) {
        ComboBox<SettingsForm.Option<T>> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(options);
        Runnable select = () -> box.getSelectionModel().select(optionOf(options, value.get()).orElse(options.getFirst()));
        select.run();
        value.addListener(o -> select.run());
        box.valueProperty().addListener((o, a, chosen) -> {
            if (chosen != null && !Objects.equals(chosen.value(), value.get())) {
                value.set(chosen.value());
            }
        });
        return box;
    }

    private static <T> Optional<SettingsForm.Option<T>> optionOf(List<SettingsForm.Option<T>> options, T value) {
        return options.stream().filter(o -> Objects.equals(o.value(), value)).findFirst();
    }
}
