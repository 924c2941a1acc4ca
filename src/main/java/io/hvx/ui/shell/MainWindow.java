package io.hvx.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.Theme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: navigation on the left (Ctrl+1…9 switch sections), the selected section's
 * view, and a status bar with the mode, the elevation and (in sandbox mode) the sandbox
 * directory. Theme, language and window geometry are remembered in {@link Settings}.
 */
public final class MainWindow {

    /** Languages offered: settings value → name shown (each in its own language). */
    static final Map<String, String> LANGUAGES = languages();

    private final Stage stage;
    private final Environment env;
    private final List<Section> sections;
    private final Settings settings;
    private final StackPane content = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final Label languageNotice = new Label();
    private final Scene scene;
    private final javafx.beans.property.ObjectProperty<Theme> theme = new javafx.beans.property.SimpleObjectProperty<>();
    private Section current;
    private double normalX = Double.NaN;
    private double normalY = Double.NaN;
    private double normalW;
    private double normalH;

    public MainWindow(Stage stage, Environment env, List<Section> sections, Settings settings, Navigator navigator) {
        this.stage = stage;
        this.env = env;
        this.sections = List.copyOf(sections);
        this.settings = settings;
        Theme saved = Theme.byId(settings.get("theme").orElse(Theme.LIGHT.id()));
        theme.set(saved);
        saved.apply();

        BorderPane root = new BorderPane();
        root.getStyleClass().add("main-window");
        root.setLeft(sidebar());
        content.getStyleClass().add("content");
        root.setCenter(content);
        root.setBottom(statusBar());

        scene = new Scene(root);
        scene.getStylesheets().add(Theme.APP_STYLESHEET);
        for (int i = 0; i < Math.min(9, this.sections.size()); i++) {
            Section s = this.sections.get(i);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> show(s.id()));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::close);
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.title"));
        stage.getIcons().setAll(windowIcon(16), windowIcon(32), windowIcon(64), windowIcon(128));
        stage.setMinWidth(WindowGeometry.MIN_WIDTH);
        stage.setMinHeight(WindowGeometry.MIN_HEIGHT);
        navigator.connect(this::show);

        String last = settings.get("window.section").orElse("");
        show(this.sections.stream().anyMatch(s -> s.id().equals(last)) ? last
                : this.sections.isEmpty() ? "" : this.sections.getFirst().id());
        stage.setOnHidden(e -> close());
    }

    /** Places the window as remembered (or centred) and shows it. */
    public void show() {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        WindowGeometry g = WindowGeometry.load(settings).fitTo(screens);
        stage.setWidth(g.width());
        stage.setHeight(g.height());
        if (g.hasPosition()) {
            stage.setX(g.x());
            stage.setY(g.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(g.maximized());
        stage.show();
        rememberNormalBounds();
        stage.xProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.yProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.widthProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.heightProperty().addListener((o, a, b) -> rememberNormalBounds());
    }

    private void rememberNormalBounds() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            normalX = stage.getX();
            normalY = stage.getY();
            normalW = stage.getWidth();
            normalH = stage.getHeight();
        }
    }

    /** Brings the section with this id to the front; unknown ids are ignored. */
    public void show(String sectionId) {
        for (Section s : sections) {
            if (s.id().equals(sectionId)) {
                if (current != s) {
                    current = s;
                    content.getChildren().setAll(s.view());
                    navButtons.get(s.id()).setSelected(true);
                    settings.put("window.section", s.id());
                }
                s.onShow();
                return;
            }
        }
    }

    public Scene scene() {
        return scene;
    }

    public Theme theme() {
        return theme.get();
    }

    /** Switches between the light and dark theme and remembers the choice. */
    public void toggleTheme() {
        setTheme(theme.get().other());
    }

    /** Applies {@code t} to every window and remembers it. */
    public void setTheme(Theme t) {
        theme.set(t);
        t.apply();
        settings.put("theme", t.id());
    }

    private void close() {
        if (!Double.isNaN(normalX)) {
            new WindowGeometry(normalX, normalY, normalW, normalH, stage.isMaximized()).save(settings);
        }
        for (Section s : sections) {
            try {
                s.dispose();
            } catch (RuntimeException e) {
                // one section failing to stop must not keep the others running
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        }
        settings.flush();
    }

    private Parent sidebar() {
        FontIcon logo = new FontIcon(Feather.SHARE_2);
        logo.getStyleClass().add("brand-icon");
        Label name = new Label(Messages.get("app.title"));
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "brand-name");
        HBox brand = new HBox(10, logo, name);
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");

        VBox nav = new VBox(2);
        nav.getStyleClass().add("nav");
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            ToggleButton b = new ToggleButton(Messages.get(s.titleKey()), new FontIcon(s.icon()));
            b.setId("nav-" + s.id());
            b.getStyleClass().add("nav-item");
            b.setToggleGroup(navGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setGraphicTextGap(10);
            if (i < 9) {
                b.setTooltip(new Tooltip(Messages.get("nav.shortcut", i + 1)));
            }
            b.setOnAction(e -> {
                // a toggle group lets the user deselect; the current section stays selected
                b.setSelected(true);
                show(s.id());
            });
            navButtons.put(s.id(), b);
            nav.getChildren().add(b);
        }

        Button themeButton = new Button();
        themeButton.setId("theme-toggle");
        themeButton.getStyleClass().addAll(Styles.FLAT, "sidebar-action");
        themeButton.setMaxWidth(Double.MAX_VALUE);
        themeButton.setAlignment(Pos.CENTER_LEFT);
        Runnable themeLabel = () -> {
            themeButton.setText(Messages.get(theme.get() == Theme.LIGHT ? "theme.dark" : "theme.light"));
            themeButton.setGraphic(new FontIcon(theme.get() == Theme.LIGHT ? Feather.MOON : Feather.SUN));
        };
        themeLabel.run();
        theme.addListener((o, a, b) -> themeLabel.run());
        themeButton.setOnAction(e -> toggleTheme());

        MenuButton language = new MenuButton(Messages.get("language.menu"), new FontIcon(Feather.GLOBE));
        language.setId("language-menu");
        language.getStyleClass().addAll(Styles.FLAT, "sidebar-action", atlantafx.base.theme.Tweaks.NO_ARROW);
        language.setAlignment(Pos.CENTER_LEFT);
        language.setMaxWidth(Double.MAX_VALUE);
        ToggleGroup langGroup = new ToggleGroup();
        String currentLang = settings.get("language").orElse(tagOf(Messages.locale()));
        for (Map.Entry<String, String> l : LANGUAGES.entrySet()) {
            RadioMenuItem item = new RadioMenuItem(l.getValue());
            item.setToggleGroup(langGroup);
            item.setSelected(l.getKey().equals(currentLang));
            item.setOnAction(e -> chooseLanguage(l.getKey()));
            language.getItems().add(item);
        }
        languageNotice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        languageNotice.setWrapText(true);
        languageNotice.setVisible(false);
        languageNotice.managedProperty().bind(languageNotice.visibleProperty());

        Button about = new Button(Messages.get("about.menu"), new FontIcon(Feather.INFO));
        about.setId("about");
        about.getStyleClass().addAll(Styles.FLAT, "sidebar-action");
        about.setMaxWidth(Double.MAX_VALUE);
        about.setAlignment(Pos.CENTER_LEFT);
        about.setOnAction(e -> aboutDialog().showAndWait());

        VBox bottom = new VBox(2, languageNotice, themeButton, language, about);
        VBox side = new VBox(brand, nav, new Spacer(Orientation.VERTICAL), new Separator(), bottom);
        side.getStyleClass().add("sidebar");
        side.setPadding(new Insets(14, 10, 12, 10));
        side.setSpacing(10);
        side.setPrefWidth(230);
        side.setMinWidth(200);
        return side;
    }

    private void chooseLanguage(String tag) {
        settings.put("language", tag);
        boolean same = tag.equals(tagOf(Messages.locale()));
        languageNotice.setText(Messages.get("language.restart"));
        languageNotice.setVisible(!same);
    }

    /** The settings value of a locale: {@code zh-CN} for Chinese, else {@code en}. */
    public static String tagOf(Locale l) {
        return "zh".equals(l.getLanguage()) ? "zh-CN" : "en";
    }

    /** The locale of a settings value (see {@link #tagOf}). */
    public static Locale localeOf(String tag) {
        return "zh-CN".equals(tag) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    private Parent statusBar() {
        Label mode = new Label(modeName(env.mode()), new FontIcon(modeIcon(env.mode())));
        mode.setId("status-mode");
        mode.getStyleClass().addAll("badge", "badge-" + env.mode().id());
        mode.setTooltip(new Tooltip(Messages.get("status.mode.tooltip")));

        Label elevation = new Label(Messages.get(env.elevated() ? "status.elevated" : "status.notElevated"),
                new FontIcon(env.elevated() ? Feather.SHIELD : Feather.USER));
        elevation.setId("status-elevation");
        elevation.getStyleClass().addAll("badge", env.elevated() ? "badge-elevated" : "badge-plain");

        List<Node> items = new ArrayList<>(List.of(mode, elevation));
        if (env.mode() == Mode.SANDBOX) {
            Label dir = new Label(Messages.get("status.sandboxDir", env.sandboxDir().toString()),
                    new FontIcon(Feather.FOLDER));
            dir.setId("status-sandbox-dir");
            dir.getStyleClass().addAll(Styles.TEXT_MUTED, "status-text");
            dir.setContentDisplay(ContentDisplay.LEFT);
            items.add(dir);
        }
        items.add(new Spacer());
        Label version = new Label(Messages.get("status.version", env.version()));
        version.getStyleClass().addAll(Styles.TEXT_MUTED, "status-text");
        items.add(version);
        HBox bar = new HBox(10);
        bar.getChildren().setAll(items);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(5, 12, 5, 12));
        return bar;
    }

    static String modeName(Mode m) {
        return switch (m) {
            case WINDOWS -> Messages.get("mode.windows");
            case LINUX_GUEST -> Messages.get("mode.linuxGuest");
            case SANDBOX -> Messages.get("mode.sandbox");
        };
    }

    private static Feather modeIcon(Mode m) {
        return switch (m) {
            case WINDOWS -> Feather.MONITOR;
            case LINUX_GUEST -> Feather.TERMINAL;
            case SANDBOX -> Feather.BOX;
        };
    }

    private Alert aboutDialog() {
        return AboutDialog.create(stage, env);
    }

    /** The window and task bar icon: the app icon the packages use (resources/icons). */
    private static javafx.scene.image.Image windowIcon(int size) {
        return new javafx.scene.image.Image(java.util.Objects.requireNonNull(
                MainWindow.class.getResource("/icons/hvsocket-explorer-" + size + ".png")).toExternalForm());
    }

    private static Map<String, String> languages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("en", "English");
        m.put("zh-CN", "简体中文");
        return m;
    }
}
