package io.hvx.ui.shell;

import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.core.TextSafety;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.core.terminal.TerminalBuffer;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The state of the Settings dialog, toolkit-free: theme, language, connect timeout, terminal
 * scrollback, the PowerShell that lists Hyper-V's VMs (with a test that lists them through it),
 * the mode and the sandbox directory. Every typed value is checked as it changes; OK stays
 * disabled while one is wrong, and the sentence shows at its field. A choice that takes effect
 * only when the app starts again says so at its field ({@link #restartNeeded()}). {@link #save}
 * writes the choices to {@link Settings}; {@link SettingsView} shows the form.
 */
public final class SettingsForm implements DialogService.Form {

    /** Lists VMs through a PowerShell, as the Test button does; blocks (run it through the task runner). */
    @FunctionalInterface
    public interface PowerShellTest {

        /**
         * @param configured the path or command name typed (blank: the PowerShell found by default)
         * @return the PowerShell that ran and what it listed
         * @throws io.hvx.core.HvxException naming why PowerShell was not found or failed
         */
        Outcome run(String configured);

        /** @param executable the PowerShell that ran, as a path */
        record Outcome(String executable, VmInventory.Listing listing) {
        }
    }

    /** An entry of a choice box: a value (null: automatic, or follow the system) and its label. */
    public record Option<T>(T value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** How many VM names the PowerShell test's outcome lists before "…". */
    static final int NAMES_SHOWN = 5;

    private final Environment env;
    private final StartupChoices startup;
    private final PowerShellTest powershellTest;
    private final TaskRunner tasks;
    private final Language running = Language.of(Messages.locale());
    private final String initialPowershell;
    private final String loadProblem;

    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>();
    private final StringProperty timeout = new SimpleStringProperty();
    private final StringProperty scrollback = new SimpleStringProperty();
    private final StringProperty powershell = new SimpleStringProperty();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>();
    private final StringProperty sandboxDir = new SimpleStringProperty();

    private final ReadOnlyStringWrapper timeoutProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper scrollbackProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper powershellProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper sandboxProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper languageNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper powershellNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper modeNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper sandboxNote = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restart = new ReadOnlyBooleanWrapper();

    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper testOutcome = new ReadOnlyStringWrapper();
    private final ObjectProperty<ErrorText> testError = new SimpleObjectProperty<>();
    /** The test whose outcome is shown; an earlier one's is dropped. UI thread only. */
    private Object currentTest;

    /**
     * @param settings       the values the form starts with (what the app uses now)
     * @param env            how this run runs (its mode and sandbox directory)
     * @param startup        how the mode and sandbox directory were chosen, and what the machine offers
     * @param powershellTest what the Test button runs
     */
    public SettingsForm(Settings settings, Environment env, StartupChoices startup, PowerShellTest powershellTest,
                        TaskRunner tasks) {
        this.env = env;
        this.startup = startup;
        this.powershellTest = powershellTest;
        this.tasks = tasks;
        theme.set(ThemeChoice.byId(settings.get(Settings.Key.THEME).orElse(null)));
        language.set(settings.get(Settings.Key.LANGUAGE).map(Language::byTag).orElse(null));
        timeout.set(Long.toString(settings.connectTimeout().toMillis()));
        scrollback.set(Long.toString(settings.getLong(Settings.Key.TERMINAL_SCROLLBACK, TerminalBuffer.MIN_SCROLLBACK,
                TerminalBuffer.MAX_SCROLLBACK, TerminalBuffer.DEFAULT_SCROLLBACK)));
        initialPowershell = settings.get(Settings.Key.VMS_POWERSHELL).orElse("").strip();
        powershell.set(initialPowershell);
        mode.set(settings.get(Settings.Key.MODE).flatMap(Mode::byId).filter(startup.modes()::contains).orElse(null));
        sandboxDir.set(settings.get(Settings.Key.SANDBOX_DIR).orElse(""));
        loadProblem = settings.loadProblem().map(p -> p.message()).orElse(null);
        for (Observable o : new Observable[] {language, timeout, scrollback, powershell, mode, sandboxDir}) {
            o.addListener(x -> validate());
        }
        validate();
    }

    @Override
    public String title() {
        return Messages.get("settings.title");
    }

    @Override
    public String header() {
        return null;
    }

    @Override
    public String okText() {
        return Messages.get("settings.save");
    }

    @Override
    public ObservableBooleanValue okAllowed() {
        return valid.getReadOnlyProperty();
    }

    /** Why the stored settings were not used when the app started (shown above the form), or null. */
    public String loadProblem() {
        return loadProblem;
    }

    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    /** The chosen language; null follows the operating system. */
    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    /** The connect timeout in milliseconds, as typed. */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    /** The lines a new terminal keeps, as typed. */
    public StringProperty scrollbackProperty() {
        return scrollback;
    }

    /** The PowerShell's path or command name, as typed; blank finds it. */
    public StringProperty powershellProperty() {
        return powershell;
    }

    /** The chosen mode; null detects it. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The sandbox directory, as typed; blank uses the default. */
    public StringProperty sandboxDirProperty() {
        return sandboxDir;
    }

    public ReadOnlyStringProperty timeoutProblemProperty() {
        return timeoutProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scrollbackProblemProperty() {
        return scrollbackProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty powershellProblemProperty() {
        return powershellProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sandboxProblemProperty() {
        return sandboxProblem.getReadOnlyProperty();
    }

    /** That the chosen language applies at the next start, in that language; null when it is the one running. */
    public ReadOnlyStringProperty languageNoteProperty() {
        return languageNote.getReadOnlyProperty();
    }

    /** What the PowerShell setting is for, and when a change applies. */
    public ReadOnlyStringProperty powershellNoteProperty() {
        return powershellNote.getReadOnlyProperty();
    }

    /** When the chosen mode applies (or what decides this run's mode instead). */
    public ReadOnlyStringProperty modeNoteProperty() {
        return modeNote.getReadOnlyProperty();
    }

    /** The default directory, and when a change applies (or what decides this run's instead). */
    public ReadOnlyStringProperty sandboxNoteProperty() {
        return sandboxNote.getReadOnlyProperty();
    }

    /** True when a choice differs from what runs and takes effect only at the next start. */
    public ReadOnlyBooleanProperty restartNeeded() {
        return restart.getReadOnlyProperty();
    }

    /** The themes offered. */
    public List<Option<ThemeChoice>> themes() {
        return List.of(ThemeChoice.values()).stream().map(t -> new Option<>(t, t.label())).toList();
    }

    /** Following the system (named with the language it means), then each language in its own name. */
    public List<Option<Language>> languages() {
        List<Option<Language>> out = new ArrayList<>();
        out.add(new Option<>(null, Messages.get("settings.language.system", Language.of(startup.osLocale()).nativeName())));
        for (Language l : Language.values()) {
            out.add(new Option<>(l, l.nativeName()));
        }
        return out;
    }

    /** Automatic (named with the mode detected), then the modes this machine can run. */
    public List<Option<Mode>> modes() {
        List<Option<Mode>> out = new ArrayList<>();
        out.add(new Option<>(null, Messages.get("settings.mode.auto", ShellViewModel.modeName(startup.detectedMode()))));
        for (Mode m : startup.modes()) {
            out.add(new Option<>(m, ShellViewModel.modeName(m)));
        }
        return out;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** What the last PowerShell test listed, or null. */
    public ReadOnlyStringProperty testOutcomeProperty() {
        return testOutcome.getReadOnlyProperty();
    }

    /** Why the last PowerShell test failed, or null; shown by an error banner whose close clears it. */
    public ObjectProperty<ErrorText> testErrorProperty() {
        return testError;
    }

    /** Lists the VMs through the PowerShell typed (off the UI thread) and shows what happened. */
    public void testPowerShell() {
        if (powershellProblem.get() != null) {
            return;
        }
        Object self = new Object();
        currentTest = self;
        String configured = powershell.get() == null ? "" : powershell.get().strip();
        testing.set(true);
        testOutcome.set(null);
        testError.set(null);
        tasks.run(() -> powershellTest.run(configured), o -> {
            if (currentTest == self) {
                testing.set(false);
                testOutcome.set(describe(o));
            }
        }, t -> {
            if (currentTest == self) {
                testing.set(false);
                testError.set(ErrorText.of(t));
            }
        });
    }

    private static String describe(PowerShellTest.Outcome o) {
        List<VirtualMachine> vms = o.listing().vms();
        String exe = TextSafety.escapeControls(o.executable());
        String text;
        if (vms.isEmpty()) {
            text = Messages.get("settings.powershell.none", exe);
        } else {
            String names = vms.stream().limit(NAMES_SHOWN).map(v -> TextSafety.escapeControls(v.name()))
                    .collect(Collectors.joining(", "));
            if (vms.size() > NAMES_SHOWN) {
                names = Messages.get("settings.powershell.more", names, vms.size() - NAMES_SHOWN);
            }
            text = Messages.get("settings.powershell.listed", exe, vms.size(), names);
        }
        return o.listing().noteIfAny().map(n -> text + " " + n.message()).orElse(text);
    }

    /**
     * Writes the choices to {@code settings} (only when {@link #okAllowed()} holds); a value
     * equal to the default is removed, so a later default applies to it.
     */
    public void save(Settings settings) {
        if (!valid.get()) {
            throw new IllegalStateException("the form has a problem: " + problems());
        }
        settings.put(Settings.Key.THEME, theme.get().id());
        settings.put(Settings.Key.LANGUAGE, language.get() == null ? null : language.get().tag());
        long ms = number(timeout.get());
        settings.put(Settings.Key.CONNECT_TIMEOUT, ms == Settings.DEFAULT_CONNECT_TIMEOUT_MS ? null : Long.toString(ms));
        long lines = number(scrollback.get());
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, lines == TerminalBuffer.DEFAULT_SCROLLBACK ? null : Long.toString(lines));
        settings.put(Settings.Key.VMS_POWERSHELL, blankToNull(powershell.get()));
        settings.put(Settings.Key.MODE, mode.get() == null ? null : mode.get().id());
        String dir = blankToNull(sandboxDir.get());
        settings.put(Settings.Key.SANDBOX_DIR, dir == null ? null : Path.of(dir).normalize().toString());
    }

    /** The problems shown now, in the order of the fields. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (ReadOnlyStringWrapper p : List.of(timeoutProblem, scrollbackProblem, powershellProblem, sandboxProblem)) {
            if (p.get() != null) {
                out.add(p.get());
            }
        }
        return out;
    }

    private void validate() {
        timeoutProblem.set(numberProblem(timeout.get(), 1, Settings.MAX_CONNECT_TIMEOUT_MS,
                Messages.key("settings.timeout.problem")));
        scrollbackProblem.set(numberProblem(scrollback.get(), TerminalBuffer.MIN_SCROLLBACK, TerminalBuffer.MAX_SCROLLBACK,
                Messages.key("settings.scrollback.problem")));
        powershellProblem.set(powershellProblem(powershell.get()));
        sandboxProblem.set(sandboxProblem(sandboxDir.get()));

        Language chosen = language.get() != null ? language.get() : Language.of(startup.osLocale());
        boolean languageRestart = chosen != running;
        languageNote.set(languageRestart ? Messages.in(chosen.locale(), Messages.key("settings.restart")) : null);

        boolean powershellChanged = !Objects.equals(blankToNull(powershell.get()), blankToNull(initialPowershell));
        boolean powershellRestart = powershellChanged && env.mode() == Mode.WINDOWS;
        powershellNote.set(Messages.get("settings.powershell.help")
                + (powershellRestart ? " " + Messages.get("settings.restart") : ""));

        Mode effective = mode.get() != null ? mode.get() : startup.detectedMode();
        boolean modeRestart = false;
        if (startup.modeOverride() != null) {
            modeNote.set(Messages.get("settings.override", startup.modeOverride()));
        } else {
            modeRestart = effective != env.mode();
            modeNote.set(modeRestart ? Messages.get("settings.restart") : null);
        }

        boolean sandboxRestart = false;
        String help = Messages.get("settings.sandbox.help", DisplayPaths.of(startup.defaultSandbox()));
        if (startup.sandboxOverride() != null) {
            sandboxNote.set(help + " " + Messages.get("settings.override", startup.sandboxOverride()));
        } else {
            Path chosenDir = sandboxProblem.get() == null && blankToNull(sandboxDir.get()) != null
                    ? Path.of(sandboxDir.get().strip()).normalize() : startup.defaultSandbox();
            sandboxRestart = sandboxProblem.get() == null && !chosenDir.equals(env.sandboxDir());
            sandboxNote.set(help + (sandboxRestart ? " " + Messages.get("settings.restart") : ""));
        }
        restart.set(languageRestart || powershellRestart || modeRestart || sandboxRestart);
        valid.set(problems().isEmpty());
    }

    /** A typed whole number; digit group separators (10,000) are allowed. */
    private static long number(String text) {
        return Long.parseLong(text == null ? "" : text.strip().replace(",", "").replace("_", ""));
    }

    private static String numberProblem(String text, long min, long max, String key) {
        try {
            long n = number(text);
            if (n >= min && n <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // not a whole number: the same sentence as a number out of range
        }
        return Messages.get(key, min, max);
    }

    private static String powershellProblem(String text) {
        if (text != null && TextSafety.hasControls(text)) {
            return Messages.get("settings.powershell.problem");
        }
        return null;
    }

    private static String sandboxProblem(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            if (TextSafety.hasControls(t) || !Path.of(t).isAbsolute()) {
                return Messages.get("settings.sandbox.problem");
            }
        } catch (InvalidPathException e) {
            // the sentence at the field says what to type instead; nothing else is lost
            return Messages.get("settings.sandbox.problem");
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
