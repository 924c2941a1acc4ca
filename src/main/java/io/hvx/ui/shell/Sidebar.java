package io.hvx.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.hvx.core.Messages;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.Theme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The navigation on the left (one entry per section) and the theme, language and About actions below it. */
final class Sidebar extends VBox {

    private final Map<String, ToggleButton> entries = new LinkedHashMap<>();

    /**
     * @param show      brings a section to the front by id
     * @param showAbout opens the About dialog
     */
    Sidebar(ShellViewModel vm, List<Section> sections, Consumer<String> show, Runnable showAbout) {
        getStyleClass().add("sidebar");
        FontIcon logo = new FontIcon(AppIcon.GLYPH);
        logo.getStyleClass().add("brand-icon");
        Label name = new Label(Messages.get("app.title"));
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "brand-name");
        HBox brand = new HBox(logo, name);
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");

        VBox nav = new VBox();
        nav.getStyleClass().add("nav");
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            ToggleButton b = new ToggleButton(Messages.get(s.titleKey()), new FontIcon(s.icon()));
            b.setId("nav-" + s.id());
            b.getStyleClass().add("nav-item");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            if (i < 9) {
                b.setTooltip(new Tooltip(Messages.get("nav.shortcut", i + 1)));
            }
            b.setOnAction(e -> {
                // a toggle group lets the user deselect; the current section stays selected
                b.setSelected(true);
                show.accept(s.id());
            });
            entries.put(s.id(), b);
            nav.getChildren().add(b);
        }
        select(vm.sectionProperty().get());
        vm.sectionProperty().addListener((o, a, id) -> select(id));

        Button theme = action(new Button(), "theme-toggle");
        Runnable themeLabel = () -> {
            boolean light = vm.themeProperty().get() == Theme.LIGHT;
            theme.setText(Messages.get(light ? "theme.dark" : "theme.light"));
            theme.setGraphic(new FontIcon(light ? Feather.MOON : Feather.SUN));
        };
        themeLabel.run();
        vm.themeProperty().addListener((o, a, b) -> themeLabel.run());
        theme.setOnAction(e -> vm.toggleTheme());

        MenuButton language = action(new MenuButton(Messages.get("language.menu"), new FontIcon(Feather.GLOBE)),
                "language-menu");
        language.getStyleClass().add(Tweaks.NO_ARROW);
        ToggleGroup languages = new ToggleGroup();
        for (Language l : Language.values()) {
            RadioMenuItem item = new RadioMenuItem(l.nativeName());
            item.setToggleGroup(languages);
            item.setSelected(l == vm.languageProperty().get());
            item.setOnAction(e -> vm.chooseLanguage(l));
            language.getItems().add(item);
        }
        Label notice = new Label();
        notice.textProperty().bind(vm.languageNoticeProperty());
        notice.setId("language-notice");
        notice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        notice.setWrapText(true);
        notice.visibleProperty().bind(vm.restartForLanguageProperty());
        notice.managedProperty().bind(notice.visibleProperty());

        Button about = action(new Button(Messages.get("about.menu"), new FontIcon(Feather.INFO)), "about");
        about.setOnAction(e -> showAbout.run());

        VBox bottom = new VBox(notice, theme, language, about);
        bottom.getStyleClass().add("sidebar-actions");
        getChildren().addAll(brand, nav, new Spacer(Orientation.VERTICAL), new Separator(), bottom);
    }

    private static <B extends javafx.scene.control.ButtonBase> B action(B b, String id) {
        b.setId(id);
        b.getStyleClass().addAll(Styles.FLAT, "sidebar-action");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private void select(String sectionId) {
        ToggleButton b = entries.get(sectionId);
        if (b != null) {
            b.setSelected(true);
        }
    }
}
