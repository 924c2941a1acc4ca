package io.hvx.ui.shell;

import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.Theme;
import java.util.List;
import java.util.Optional;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The main window: the {@link Sidebar} (Ctrl+1…9 switch sections too, Ctrl+, opens Settings),
 * the shown section's view and the {@link StatusBar}, over a {@link ShellViewModel}. It places
 * itself where it was ({@link WindowPlacement}) and, when it closes, saves that place and runs the
 * composition root's {@link #setOnClosed close action}, which disposes the sections and closes
 * what the root created.
 */
public final class MainWindow {

    private final Stage stage;
    private final ShellViewModel vm;
    private final List<Section> sections;
    private final StackPane content = new StackPane();
    private final WindowPlacement placement;
    private final Scene scene;
    private Runnable onClosed = () -> { };

    public MainWindow(Stage stage, ShellViewModel vm, List<Section> sections, Settings settings, Navigator navigator) {
        this.stage = stage;
        this.vm = vm;
        this.sections = List.copyOf(sections);
        this.placement = new WindowPlacement(stage, settings);
        // "follow the system" follows it while the app runs, too
        Platform.Preferences os = Platform.getPreferences();
        vm.systemThemeProperty().bind(Bindings.createObjectBinding(
                () -> os.getColorScheme() == ColorScheme.DARK ? Theme.DARK : Theme.LIGHT, os.colorSchemeProperty()));
        vm.themeProperty().get().apply();
        vm.themeProperty().addListener((o, a, t) -> t.apply());

        BorderPane root = new BorderPane();
        root.getStyleClass().add("main-window");
        root.setLeft(new Sidebar(vm, this.sections, this::show, () -> AboutDialog.create(stage, vm).showAndWait()));
        content.getStyleClass().add("content");
        root.setCenter(content);
        root.setBottom(new StatusBar(vm));

        scene = new Scene(root);
        scene.getStylesheets().add(Theme.APP_STYLESHEET);
        for (int i = 0; i < Math.min(9, this.sections.size()); i++) {
            String id = this.sections.get(i).id();
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> show(id));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::close);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), vm::openSettings);
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.title"));
        stage.getIcons().setAll(AppIcon.images());
        navigator.connect(this::show);

        vm.sectionProperty().addListener((o, a, id) -> section(id).ifPresent(s -> content.getChildren().setAll(s.view())));
        show(vm.sectionProperty().get());
        stage.setOnHidden(e -> {
            placement.save();
            onClosed.run();
        });
    }

    /** What to do once the window has closed and saved its place (the composition root's cleanup). */
    public void setOnClosed(Runnable action) {
        onClosed = action;
    }

    /** Places the window as remembered (or centred) and shows it. */
    public void show() {
        placement.show();
    }

    /** Brings the section with this id to the front (and lets it refresh); unknown ids are ignored. */
    public void show(String sectionId) {
        section(sectionId).ifPresent(s -> {
            vm.show(s.id());
            if (content.getChildren().isEmpty()) {
                content.getChildren().setAll(s.view());
            }
            s.onShow();
        });
    }

    private Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Scene scene() {
        return scene;
    }

    public ShellViewModel viewModel() {
        return vm;
    }
}
