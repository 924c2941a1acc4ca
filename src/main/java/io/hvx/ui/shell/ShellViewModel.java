package io.hvx.ui.shell;

import io.hvx.core.Environment;
import io.hvx.core.FileOpener;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import io.hvx.ui.common.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the main window around the sections, testable without the toolkit: which section is
 * shown, the theme, the Settings dialog and what waits for a restart, what the status bar and
 * About say, and About → Open log. Every choice is remembered in {@link Settings}.
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
    private final StartupChoices startup;
    private final SettingsForm.PowerShellTest powershellTest;
    private final ReadOnlyStringWrapper section = new ReadOnlyStringWrapper();
    private final ObjectProperty<ThemeChoice> themeChoice = new SimpleObjectProperty<>();
    private final ObjectProperty<Theme> systemTheme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper restartNotice = new ReadOnlyStringWrapper();

    /**
     * @param sectionIds     the sections in navigation order
     * @param startup        how this run chose its mode and sandbox directory (for the Settings dialog)
     * @param powershellTest what the Settings dialog's PowerShell test runs
     * @param logFile        the log file About → Open log opens (null: not offered)
     */
    public ShellViewModel(Environment env, List<String> sectionIds, Settings settings, StartupChoices startup,
                          SettingsForm.PowerShellTest powershellTest, FileOpener opener, Path logFile,
                          TaskRunner tasks, DialogService dialogs) {
        this.env = env;
        this.sectionIds = List.copyOf(sectionIds);
        this.settings = settings;
        this.startup = startup;
        this.powershellTest = powershellTest;
        this.opener = opener;
        this.logFile = logFile;
        this.tasks = tasks;
        this.dialogs = dialogs;
        themeChoice.set(ThemeChoice.byId(settings.get(Settings.Key.THEME).orElse(null)));
        theme.bind(Bindings.createObjectBinding(() -> themeChoice.get().look(systemTheme.get()), themeChoice, systemTheme));
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

    /** The look of every window: the chosen theme, or the system's when the choice is to follow it. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** The theme chosen in the Settings dialog. */
    public ObjectProperty<ThemeChoice> themeChoiceProperty() {
        return themeChoice;
    }

    /** The operating system's look (light or dark), kept current by the view. */
    public ObjectProperty<Theme> systemThemeProperty() {
        return systemTheme;
    }

    /**
     * That some saved settings apply at the next start, written in the language chosen (whoever
     * picks 简体中文 reads it in Chinese); null while everything chosen is in use.
     */
    public ReadOnlyStringProperty restartNoticeProperty() {
        return restartNotice.getReadOnlyProperty();
    }

    /**
     * Opens the Settings dialog; Save writes the choices, switches the theme at once and says
     * what waits for the next start.
     */
    public void openSettings() {
        SettingsForm form = new SettingsForm(settings, env, startup, powershellTest, tasks);
        if (!dialogs.showForm(form)) {
            return;
        }
        form.save(settings);
        themeChoice.set(form.themeProperty().get());
        Language chosen = form.languageProperty().get() != null ? form.languageProperty().get()
                : Language.of(startup.osLocale());
        restartNotice.set(form.restartNeeded().get()
                ? Messages.in(chosen.locale(), Messages.key("settings.restart.notice")) : null);
        LOG.log(System.Logger.Level.INFO, "Settings saved{0}", form.restartNeeded().get() ? "; some apply at the next start" : "");
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
