package io.hvx.ui.shell;

import io.hvx.core.Environment;
import io.hvx.core.FileOpener;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import io.hvx.ui.common.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the main window around the sections, testable without the toolkit: which section is
 * shown, the theme, the language chosen for the next start, what the status bar and About say,
 * and About → Open log. Every choice is remembered in {@link Settings}.
 */
public final class ShellViewModel {

    private static final System.Logger LOG = System.getLogger(ShellViewModel.class.getName());

    /** One line of the About dialog. */
    public record Fact(String name, String value) {
    }

    private final Environment env;
    private final List<String> sectionIds;
    private final Settings settings;
    private final FileOpener opener;
    private final Path logFile;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ReadOnlyStringWrapper section = new ReadOnlyStringWrapper();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Language> language = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper restartForLanguage = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper languageNotice = new ReadOnlyStringWrapper();
    private final Language running = Language.of(Messages.locale());

    /**
     * @param sectionIds the sections in navigation order
     * @param logFile    the log file About → Open log opens (null: not offered)
     */
    public ShellViewModel(Environment env, List<String> sectionIds, Settings settings, FileOpener opener,
                          Path logFile, TaskRunner tasks, DialogService dialogs) {
        this.env = env;
        this.sectionIds = List.copyOf(sectionIds);
        this.settings = settings;
        this.opener = opener;
        this.logFile = logFile;
        this.tasks = tasks;
        this.dialogs = dialogs;
        theme.set(Theme.byId(settings.get(Settings.Key.THEME).orElse(Theme.LIGHT.id())));
        theme.addListener((o, a, t) -> settings.put(Settings.Key.THEME, t.id()));
        language.set(settings.get(Settings.Key.LANGUAGE).map(Language::byTag).orElse(running));
        String last = settings.get(Settings.Key.SECTION).orElse("");
        section.set(this.sectionIds.contains(last) ? last : this.sectionIds.isEmpty() ? null : this.sectionIds.getFirst());
    }

    /** The id of the section shown. */
    public ReadOnlyStringProperty sectionProperty() {
        return section.getReadOnlyProperty();
    }

    /** Shows the section with this id and remembers it; unknown ids are ignored. */
    public void show(String sectionId) {
        if (sectionIds.contains(sectionId)) {
            section.set(sectionId);
            settings.put(Settings.Key.SECTION, sectionId);
        }
    }

    /** The theme of every window; changes are remembered. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** The language chosen for the next start. */
    public ReadOnlyObjectProperty<Language> languageProperty() {
        return language.getReadOnlyProperty();
    }

    /** True when the chosen language differs from the one running (it applies after a restart). */
    public ReadOnlyBooleanProperty restartForLanguageProperty() {
        return restartForLanguage.getReadOnlyProperty();
    }

    /**
     * The note that the chosen language applies after a restart, written in the chosen language
     * (whoever picks 简体中文 reads it in Chinese); null while the running language is chosen.
     */
    public ReadOnlyStringProperty languageNoticeProperty() {
        return languageNotice.getReadOnlyProperty();
    }

    /** Remembers the language for the next start. */
    public void chooseLanguage(Language l) {
        language.set(l);
        settings.put(Settings.Key.LANGUAGE, l.tag());
        restartForLanguage.set(l != running);
        languageNotice.set(l != running ? Messages.in(l.locale(), Messages.key("language.restart")) : null);
    }

    public Mode mode() {
        return env.mode();
    }

    public boolean elevated() {
        return env.elevated();
    }

    /** The mode's name. */
    public String modeName() {
        return modeName(env.mode());
    }

    static String modeName(Mode m) {
        return switch (m) {
            case WINDOWS -> Messages.get("mode.windows");
            case LINUX_GUEST -> Messages.get("mode.linuxGuest");
            case SANDBOX -> Messages.get("mode.sandbox");
        };
    }

    /** The status bar's elevation text. */
    public String elevationText() {
        return Messages.get(env.elevated() ? "status.elevated" : "status.notElevated");
    }

    /** The status bar's sandbox directory (home shown as {@code ~}), or null outside sandbox mode. */
    public String sandboxDirText() {
        return env.mode() == Mode.SANDBOX ? Messages.get("status.sandboxDir", DisplayPaths.of(env.sandboxDir())) : null;
    }

    /** The status bar's version text. */
    public String versionText() {
        return Messages.get("status.version", env.version());
    }

    /** What About lists: version, mode, elevation, Java, OS, directories and the log file. */
    public List<Fact> aboutFacts() {
        List<Fact> facts = new ArrayList<>(List.of(
                new Fact(Messages.get("info.version"), env.version()),
                new Fact(Messages.get("info.mode"), modeName()),
                new Fact(Messages.get("info.elevated"), Messages.get(env.elevated() ? "common.yes" : "common.no")),
                new Fact(Messages.get("info.java"), env.java()),
                new Fact(Messages.get("info.os"), env.os()),
                new Fact(Messages.get("info.dataDir"), env.dataDir().toString()),
                new Fact(Messages.get("info.sandboxDir"), env.sandboxDir().toString())));
        if (logFile != null) {
            facts.add(new Fact(Messages.get("about.logFile"), logFile.toString()));
        }
        return facts;
    }

    /** Whether About offers Open log. */
    public boolean canOpenLog() {
        return logFile != null;
    }

    /** Opens the log file (or, before anything was logged, its folder) with the desktop; a failure shows in a dialog. */
    public void openLog() {
        if (logFile != null) {
            tasks.run(() -> opener.open(logFile),
                    opened -> LOG.log(System.Logger.Level.DEBUG, "Opened {0} on the desktop", opened),
                    t -> dialogs.showError(ErrorText.of(t)));
        }
    }
}
