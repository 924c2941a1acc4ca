package io.hvx.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The line under the window: mode, elevation, the sandbox directory (sandbox mode) and the version. */
final class StatusBar extends HBox {

    StatusBar(ShellViewModel vm) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label mode = new Label(vm.modeName(), new FontIcon(modeIcon(vm.mode())));
        mode.setId("status-mode");
        mode.getStyleClass().addAll("badge", "badge-" + vm.mode().id());
        mode.setTooltip(new Tooltip(Messages.get("status.mode.tooltip")));
        Label elevation = new Label(vm.elevationText(), new FontIcon(vm.elevated() ? Feather.SHIELD : Feather.USER));
        elevation.setId("status-elevation");
        elevation.getStyleClass().addAll("badge", vm.elevated() ? "badge-elevated" : "badge-plain");
        getChildren().addAll(mode, elevation);
        if (vm.sandboxDirText() != null) {
            Label dir = new Label(vm.sandboxDirText(), new FontIcon(Feather.FOLDER));
            dir.setId("status-sandbox-dir");
            dir.getStyleClass().addAll(Styles.TEXT_MUTED, "status-text");
            dir.setContentDisplay(ContentDisplay.LEFT);
            getChildren().add(dir);
        }
        Label version = new Label(vm.versionText());
        version.setId("status-version");
        version.getStyleClass().addAll(Styles.TEXT_MUTED, "status-text");
        getChildren().addAll(new Spacer(), version);
    }

    private static Feather modeIcon(Mode m) {
        return switch (m) {
            case WINDOWS -> Feather.MONITOR;
            case LINUX_GUEST -> Feather.TERMINAL;
            case SANDBOX -> Feather.BOX;
        };
    }
}
