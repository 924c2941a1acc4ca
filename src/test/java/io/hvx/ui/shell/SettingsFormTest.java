package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Environment;
import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Settings dialog's state without the toolkit: values, checks at the field, notes, save and the PowerShell test. */
class SettingsFormTest {

    private static final Path SANDBOX = Path.of("/home/u/.local/share/hvx/sandbox");
    private final Settings settings = Settings.inMemory();
    private final Environment sandboxRun = new Environment(Mode.SANDBOX, false, "1", "Linux", "25", SANDBOX,
            Path.of("/home/u/.local/share/hvx"));
    /** A Linux workstation: sandbox detected, linux-guest possible, nothing overridden. */
    private final StartupChoices linux = new StartupChoices(Mode.SANDBOX, List.of(Mode.SANDBOX, Mode.LINUX_GUEST), null,
            SANDBOX, null, Locale.ENGLISH);
    private final List<String> tested = new ArrayList<>();
    private SettingsForm.PowerShellTest powershell = configured -> {
        tested.add(configured);
        return new SettingsForm.PowerShellTest.Outcome("/usr/bin/pwsh", new VmInventory.Listing(List.of(), null));
    };

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void back() {
        Messages.setLocale(Locale.ENGLISH);
    }

    private SettingsForm form(Environment env, StartupChoices startup, TestTasks tasks) {
        return new SettingsForm(settings, env, startup, configured -> powershell.run(configured), tasks);
    }

    private SettingsForm form() {
        return form(sandboxRun, linux, TestTasks.immediate());
    }

    @Test
    void aFreshFormShowsWhatTheAppUsesNow() {
        SettingsForm f = form();
        assertThat(f.themeProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(f.languageProperty().get()).as("follow the system").isNull();
        assertThat(f.timeoutProperty().get()).isEqualTo("5000");
        assertThat(f.scrollbackProperty().get()).isEqualTo("10000");
        assertThat(f.powershellProperty().get()).isEmpty();
        assertThat(f.modeProperty().get()).as("automatic").isNull();
        assertThat(f.sandboxDirProperty().get()).isEmpty();
        assertThat(f.okAllowed().get()).isTrue();
        assertThat(f.restartNeeded().get()).isFalse();
        assertThat(f.problems()).isEmpty();
        assertThat(f.modes()).extracting(SettingsForm.Option::label)
                .containsExactly("Automatic: Sandbox", "Sandbox", "Linux guest (vsock)");
        assertThat(f.languages()).extracting(SettingsForm.Option::label)
                .containsExactly("Follow the system (English)", "English", "简体中文");
        assertThat(f.themes()).extracting(SettingsForm.Option::label).containsExactly("Follow the system", "Light", "Dark");
    }

    @Test
    void storedValuesAreShownAndBadStoredOnesShowTheDefault() {
        settings.put(Settings.Key.THEME, "dark");
        settings.put(Settings.Key.LANGUAGE, "zh-CN");
        settings.put(Settings.Key.CONNECT_TIMEOUT, "1500");
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, "not a number");
        settings.put(Settings.Key.MODE, "windows"); // not offered on this machine
        settings.put(Settings.Key.SANDBOX_DIR, "/srv/sb");
        SettingsForm f = form();
        assertThat(f.themeProperty().get()).isEqualTo(ThemeChoice.DARK);
        assertThat(f.languageProperty().get()).isEqualTo(Language.SIMPLIFIED_CHINESE);
        assertThat(f.timeoutProperty().get()).isEqualTo("1500");
        assertThat(f.scrollbackProperty().get()).isEqualTo("10000");
        assertThat(f.modeProperty().get()).isNull();
        assertThat(f.sandboxDirProperty().get()).isEqualTo("/srv/sb");
    }

    @Test
    void aTimeoutThatIsNotAWholeNumberOfMillisecondsInRangeIsRefusedAtTheField() {
        SettingsForm f = form();
        for (String bad : List.of("", "abc", "0", "-5", "300001", "1.5")) {
            f.timeoutProperty().set(bad);
            assertThat(f.timeoutProblemProperty().get()).as(bad)
                    .isEqualTo("Give a whole number of milliseconds from 1 to 300,000.");
            assertThat(f.okAllowed().get()).as("OK with " + bad).isFalse();
        }
        f.timeoutProperty().set(" 2,500 ");
        assertThat(f.timeoutProblemProperty().get()).isNull();
        assertThat(f.okAllowed().get()).isTrue();
    }

    @Test
    void aScrollbackOutsideItsRangeIsRefusedAtTheField() {
        SettingsForm f = form();
        f.scrollbackProperty().set("99");
        assertThat(f.scrollbackProblemProperty().get()).isEqualTo("Give a whole number of lines from 100 to 1,000,000.");
        assertThat(f.problems()).containsExactly("Give a whole number of lines from 100 to 1,000,000.");
        f.scrollbackProperty().set("1000001");
        assertThat(f.okAllowed().get()).isFalse();
        f.scrollbackProperty().set("1000000");
        assertThat(f.okAllowed().get()).isTrue();
    }

    @Test
    void aSandboxDirectoryMustBeAbsoluteAndAPowerShellPathFreeOfControlCharacters() {
        SettingsForm f = form();
        f.sandboxDirProperty().set("relative/dir");
        assertThat(f.sandboxProblemProperty().get())
                .isEqualTo("Give an absolute path to a directory (or leave it empty for the default).");
        f.sandboxDirProperty().set("/tmp/a\u0007b");
        assertThat(f.sandboxProblemProperty().get()).isNotNull();
        f.sandboxDirProperty().set("  ");
        assertThat(f.sandboxProblemProperty().get()).as("empty is the default").isNull();

        f.powershellProperty().set("pw\nsh");
        assertThat(f.powershellProblemProperty().get()).isEqualTo("The path has a control character: type it again without one.");
        assertThat(f.okAllowed().get()).isFalse();
        f.testPowerShell();
        assertThat(tested).as("no test with a refused path").isEmpty();
    }

    @Test
    void savingWritesTheChoicesAndRemovesDefaults() {
        settings.put(Settings.Key.CONNECT_TIMEOUT, "1500");
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, "500");
        SettingsForm f = form();
        f.themeProperty().set(ThemeChoice.LIGHT);
        f.languageProperty().set(Language.SIMPLIFIED_CHINESE);
        f.timeoutProperty().set("5000");
        f.scrollbackProperty().set("20,000");
        f.powershellProperty().set("  /opt/pwsh  ");
        f.modeProperty().set(Mode.LINUX_GUEST);
        f.sandboxDirProperty().set("/srv/hvx/../sb");
        f.save(settings);

        assertThat(settings.get(Settings.Key.THEME)).contains("light");
        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("zh-CN");
        assertThat(settings.get(Settings.Key.CONNECT_TIMEOUT)).as("the default is not stored").isEmpty();
        assertThat(settings.connectTimeout().toMillis()).isEqualTo(5000);
        assertThat(settings.get(Settings.Key.TERMINAL_SCROLLBACK)).contains("20000");
        assertThat(settings.get(Settings.Key.VMS_POWERSHELL)).contains("/opt/pwsh");
        assertThat(settings.get(Settings.Key.MODE)).contains("linux-guest");
        assertThat(settings.get(Settings.Key.SANDBOX_DIR)).contains(Path.of("/srv/sb").toString());

        SettingsForm back = form();
        back.languageProperty().set(null);
        back.modeProperty().set(null);
        back.sandboxDirProperty().set("");
        back.powershellProperty().set("");
        back.save(settings);
        assertThat(settings.get(Settings.Key.LANGUAGE)).isEmpty();
        assertThat(settings.get(Settings.Key.MODE)).isEmpty();
        assertThat(settings.get(Settings.Key.SANDBOX_DIR)).isEmpty();
        assertThat(settings.get(Settings.Key.VMS_POWERSHELL)).isEmpty();
    }

    @Test
    void aFormWithAProblemIsNotSaved() {
        SettingsForm f = form();
        f.timeoutProperty().set("0");
        assertThatThrownBy(() -> f.save(settings)).isInstanceOf(IllegalStateException.class);
        assertThat(settings.get(Settings.Key.THEME)).isEmpty();
    }

    @Test
    void aLanguageOtherThanTheOneRunningSaysItAppliesAtTheNextStartInThatLanguage() {
        SettingsForm f = form();
        f.languageProperty().set(Language.SIMPLIFIED_CHINESE);
        assertThat(f.languageNoteProperty().get()).isEqualTo("将在下次启动 HvSocket Explorer 时生效。");
        assertThat(f.restartNeeded().get()).isTrue();
        f.languageProperty().set(Language.ENGLISH);
        assertThat(f.languageNoteProperty().get()).isNull();
        assertThat(f.restartNeeded().get()).isFalse();

        // following a Chinese system from an English run is a change too
        SettingsForm zhSystem = form(sandboxRun, new StartupChoices(Mode.SANDBOX, List.of(Mode.SANDBOX), null, SANDBOX, null,
                Locale.SIMPLIFIED_CHINESE), TestTasks.immediate());
        assertThat(zhSystem.languageNoteProperty().get()).isEqualTo("将在下次启动 HvSocket Explorer 时生效。");
        assertThat(zhSystem.languages().getFirst().label()).isEqualTo("Follow the system (简体中文)");
    }

    @Test
    void aModeOrSandboxOtherThanTheRunningOneAppliesAtTheNextStart() {
        SettingsForm f = form();
        f.modeProperty().set(Mode.SANDBOX);
        assertThat(f.modeNoteProperty().get()).as("the mode running, chosen explicitly").isNull();
        f.modeProperty().set(Mode.LINUX_GUEST);
        assertThat(f.modeNoteProperty().get()).isEqualTo("Applies the next time you start HvSocket Explorer.");
        assertThat(f.restartNeeded().get()).isTrue();
        f.modeProperty().set(null);
        assertThat(f.restartNeeded().get()).isFalse();

        assertThat(f.sandboxNoteProperty().get()).isEqualTo(
                "Where the sandbox keeps its services, VMs and sockets; empty: " + SANDBOX + ".");
        f.sandboxDirProperty().set("/srv/other");
        assertThat(f.sandboxNoteProperty().get()).endsWith(" Applies the next time you start HvSocket Explorer.");
        assertThat(f.restartNeeded().get()).isTrue();
        f.sandboxDirProperty().set(SANDBOX.toString());
        assertThat(f.restartNeeded().get()).as("the directory running, typed out").isFalse();
    }

    @Test
    void whatTheCommandLineDecidedIsNamedRatherThanARestartPromised() {
        StartupChoices overridden = new StartupChoices(Mode.SANDBOX, List.of(Mode.SANDBOX, Mode.LINUX_GUEST), "--mode",
                SANDBOX, "HVX_SANDBOX_DIR", Locale.ENGLISH);
        SettingsForm f = form(sandboxRun, overridden, TestTasks.immediate());
        f.modeProperty().set(Mode.LINUX_GUEST);
        f.sandboxDirProperty().set("/srv/other");
        assertThat(f.modeNoteProperty().get()).isEqualTo(
                "This run uses --mode from its command line or environment; the setting applies when it is not given.");
        assertThat(f.sandboxNoteProperty().get()).endsWith(
                "This run uses HVX_SANDBOX_DIR from its command line or environment; the setting applies when it is not given.");
        assertThat(f.restartNeeded().get()).isFalse();
    }

    @Test
    void aNewPowerShellAppliesAtTheNextStartOnAWindowsHostOnly() {
        Environment windows = new Environment(Mode.WINDOWS, false, "1", "Windows 11", "25", SANDBOX, SANDBOX.getParent());
        StartupChoices choices = new StartupChoices(Mode.WINDOWS, List.of(Mode.WINDOWS, Mode.SANDBOX), null, SANDBOX, null,
                Locale.ENGLISH);
        SettingsForm onWindows = form(windows, choices, TestTasks.immediate());
        onWindows.powershellProperty().set("pwsh");
        assertThat(onWindows.powershellNoteProperty().get()).endsWith("Applies the next time you start HvSocket Explorer.");
        assertThat(onWindows.restartNeeded().get()).isTrue();

        SettingsForm inSandbox = form();
        inSandbox.powershellProperty().set("pwsh");
        assertThat(inSandbox.powershellNoteProperty().get())
                .isEqualTo("Lists Hyper-V's VMs in Windows mode: a path or a command name such as pwsh.");
        assertThat(inSandbox.restartNeeded().get()).isFalse();
    }

    @Test
    void thePowerShellTestListsTheVmsOffTheUiThreadAndSaysWhatItFound() {
        powershell = configured -> {
            tested.add(configured);
            List<VirtualMachine> vms = IntStream.rangeClosed(1, 7).mapToObj(i -> new VirtualMachine(Guid.random(),
                    i == 1 ? "dev\u001b[31m" : "vm" + i, VirtualMachine.RUNNING, 0, 2, "11.0", 0, 0)).toList();
            return new SettingsForm.PowerShellTest.Outcome("/usr/bin/pwsh", new VmInventory.Listing(vms,
                    Problem.of("vms.note.noRights")));
        };
        TestTasks tasks = TestTasks.held();
        SettingsForm f = form(sandboxRun, linux, tasks);
        f.powershellProperty().set(" pwsh ");
        f.testPowerShell();
        assertThat(f.testingProperty().get()).isTrue();
        assertThat(tested).as("not run yet: it runs through the task runner").isEmpty();
        tasks.runAll();

        assertThat(tested).containsExactly("pwsh");
        assertThat(f.testingProperty().get()).isFalse();
        assertThat(f.testOutcomeProperty().get()).startsWith(
                "/usr/bin/pwsh listed 7 VM(s): dev\\x1b[31m, vm2, vm3, vm4, vm5 and 2 more. ")
                .endsWith(Messages.get("vms.note.noRights"));
        assertThat(f.testErrorProperty().get()).isNull();
    }

    @Test
    void aPowerShellThatFailsShowsItsSentenceAndDetail() {
        powershell = configured -> {
            throw new OperationFailedException(Problem.of("vms.error.powershellNotFound", configured), "searched PATH");
        };
        SettingsForm f = form();
        f.powershellProperty().set("nope");
        f.testPowerShell();
        assertThat(f.testOutcomeProperty().get()).isNull();
        assertThat(f.testErrorProperty().get().sentence()).isEqualTo(Messages.get("vms.error.powershellNotFound", "nope"));
        assertThat(f.testErrorProperty().get().detail()).isEqualTo("searched PATH");
    }

    @Test
    void anEarlierTestsOutcomeDoesNotReplaceALaterOnes() {
        TestTasks tasks = TestTasks.held();
        List<String> names = new ArrayList<>(List.of("first", "second"));
        powershell = configured -> new SettingsForm.PowerShellTest.Outcome(configured, new VmInventory.Listing(List.of(
                new VirtualMachine(Guid.random(), names.removeFirst(), VirtualMachine.OFF, 0, 2, "", 0, 0)), null));
        SettingsForm f = form(sandboxRun, linux, tasks);
        f.powershellProperty().set("a");
        f.testPowerShell();
        f.powershellProperty().set("b");
        f.testPowerShell();
        tasks.runAll();
        assertThat(f.testOutcomeProperty().get()).isEqualTo("b listed 1 VM(s): second.");
    }

    @Test
    void settingsThatCouldNotBeLoadedAreNamedAboveTheForm() {
        Settings broken = new Settings() {
            private final Settings values = Settings.inMemory();

            @Override
            public Optional<String> get(String key) {
                return values.get(key);
            }

            @Override
            public void put(String key, String value) {
                values.put(key, value);
            }

            @Override
            public Optional<Problem> loadProblem() {
                return Optional.of(Problem.of("settings.problem.notMoved", "/x/settings.json", Problem.of("json.type.null")));
            }
        };
        SettingsForm f = new SettingsForm(broken, sandboxRun, linux, powershell, TestTasks.immediate());
        assertThat(f.loadProblem()).isEqualTo("The settings in /x/settings.json could not be used (null), so the defaults"
                + " apply; the file was left as it is. Fix or remove it.");
        assertThat(form().loadProblem()).isNull();
    }
}
