package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicies;
import io.hvx.core.Settings;
import io.hvx.core.VmInventory;
import io.hvx.files.JsonConnectionBook;
import io.hvx.files.JsonSnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.files.TestReportFiles;
import io.hvx.net.ResponderServers;
import io.hvx.platform.DesktopOpener;
import io.hvx.platform.JsonFileSettings;
import io.hvx.platform.Logs;
import io.hvx.platform.ShellElevatedRestart;
import io.hvx.registry.Policies;
import io.hvx.registry.RegistrationFormats;
import io.hvx.ui.common.ErrorDialog;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.FxDialogService;
import io.hvx.ui.common.FxTaskRunner;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import io.hvx.ui.connections.ConnectionsSection;
import io.hvx.ui.connections.TerminalContext;
import io.hvx.ui.guid.GuidWorkbenchSection;
import io.hvx.ui.services.ServicesSection;
import io.hvx.ui.shell.Language;
import io.hvx.ui.tester.TesterSection;
import io.hvx.ui.shell.MainWindow;
import io.hvx.ui.shell.ShellViewModel;
import io.hvx.ui.vms.VmsSection;
import io.hvx.vm.PowerShellVmInventory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The desktop app: the composition root of the GUI. It builds the backend for the chosen mode,
 * the one task runner and dialog service every section shares, the sections (each given the
 * ports it needs) and the main window, and closes what it created when the window closes.
 */
public final class App {

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static volatile Start pending;

    private App() {
    }

    /** What {@link Fx#start} needs; JavaFX creates the Application itself, so it is handed over here. */
    private record Start(Backend backend, Settings settings) {
    }

    /** Starts the GUI and returns when its window closes. */
    public static void launchAndWait(BackendFactory factory, Mode mode, Path sandboxDir) {
        Backend backend = factory.create(mode, sandboxDir);
        Settings settings = JsonFileSettings.inDataDir(backend.environment().dataDir());
        settings.get(Settings.Key.LANGUAGE).map(Language::byTag).map(Language::locale).ifPresent(App::useLocale);
        pending = new Start(backend, settings);
        try {
            Application.launch(Fx.class);
        } catch (UnsupportedOperationException e) {
            // JavaFX says "Unable to open DISPLAY" when there is no graphical session
            throw new OperationFailedException(Problem.of("error.gui.noDisplay"), String.valueOf(e.getMessage()), e);
        } finally {
            settings.flush();
        }
    }

    private static void useLocale(Locale locale) {
        // JavaFX's own texts (dialog buttons) follow the default locale
        Locale.setDefault(locale);
        Messages.setLocale(locale);
    }

    /**
     * The GUI's parts and their lifetimes: everything is created here, in order, and closed in
     * reverse order when the window closes (sections first, then the task runner, then what the
     * sections used).
     */
    private static final class Gui {
        private final Deque<AutoCloseable> owned = new ArrayDeque<>();
        private final Settings settings;
        private final MainWindow window;

        Gui(Stage stage, Backend backend, Settings settings) {
            this.settings = settings;
            VmInventory vms = guiInventory(backend.vms(), settings);
            if (vms != backend.vms() && vms instanceof AutoCloseable c) {
                own(c);
            }
            ServicePolicies policies = guiPolicies(backend, vms);
            FxTaskRunner tasks = own(new FxTaskRunner());
            FxDialogService dialogs = new FxDialogService(stage);
            Navigator navigator = new Navigator();
            // the sections in navigation order (Ctrl+1, Ctrl+2…): adding a feature is one line here
            GuidWorkbenchSection guid = new GuidWorkbenchSection(navigator, vms::list, backend.services()::list, tasks);
            Path dataDir = backend.environment().dataDir();
            Clock clock = Clock.systemDefaultZone();
            TerminalContext terminals = new TerminalContext(settings, new TerminalFileStore(clock.getZone()),
                    JsonSnippetBook.inDataDir(dataDir), dialogs, tasks, clock, clock.getZone());
            ConnectionsSection connections = new ConnectionsSection(vms, backend.services(), backend.connector(),
                    backend.listenerFactory(), new ResponderServers(), JsonConnectionBook.inDataDir(dataDir, clock),
                    terminals, dialogs, navigator);
            ServicesSection services = new ServicesSection(backend.services(), policies, new RegistrationFormats(),
                    new ShellElevatedRestart(), stage::close, guid::open, tasks, dialogs);
            services.offerTerminal(s -> connections.open(null, s), connections::listen);
            VmsSection vmsSection = new VmsSection(vms, policies, settings, tasks);
            vmsSection.offerTerminal(vm -> connections.open(vm, null));
            TesterSection tester = new TesterSection(backend, vms, new TestReportFiles(), new ShellElevatedRestart(),
                    stage::close, services.viewModel()::add, tasks, dialogs);
            connections.onDiagnose((vm, service) -> {
                tester.diagnose(vm, service);
                navigator.show(TesterSection.ID);
            });
            List<Section> sections = List.of(guid, services, vmsSection, connections, tester);
            for (Section s : sections) {
                own(s::dispose);
            }
            ShellViewModel shell = new ShellViewModel(backend.environment(), sections.stream().map(Section::id).toList(),
                    settings, new DesktopOpener(), Logs.currentFile(), tasks, dialogs);
            window = new MainWindow(stage, shell, sections, settings, navigator);
            window.setOnClosed(this::close);
            LOG.log(System.Logger.Level.INFO, "Desktop app started: {0} mode, version {1}",
                    backend.environment().mode().id(), backend.environment().version());
        }

        private <T extends AutoCloseable> T own(T resource) {
            owned.push(resource);
            return resource;
        }

        private void close() {
            while (!owned.isEmpty()) {
                AutoCloseable c = owned.pop();
                try {
                    c.close();
                } catch (Exception e) {
                    // one part failing to stop must not keep the others running; the log keeps it
                    LOG.log(System.Logger.Level.ERROR, "Could not close a part of the GUI", e);
                }
            }
            settings.flush();
        }
    }

    /**
     * The GUI keeps one PowerShell running so that refreshes after the first skip its cold start.
     * The setting {@link Settings.Key#VMS_POWERSHELL} (a path, or a name such as {@code pwsh})
     * chooses the PowerShell, as {@code hvx vms --powershell} does. A new inventory is the
     * caller's to close.
     */
    static VmInventory guiInventory(VmInventory inventory, Settings settings) {
        if (!(inventory instanceof PowerShellVmInventory ps)) {
            return inventory;
        }
        return settings.get(Settings.Key.VMS_POWERSHELL).filter(p -> !p.isBlank())
                .map(p -> (VmInventory) PowerShellVmInventory.warm(p, null))
                .orElseGet(ps::warmed);
    }

    /**
     * The per-VM service policies the GUI uses: on Windows over the GUI's long-lived PowerShell (so
     * a switch does not pay PowerShell's cold start), elsewhere the backend's own; null where the
     * mode has none.
     */
    static ServicePolicies guiPolicies(Backend backend, VmInventory guiVms) {
        ServicePolicies policies = backend.policies().orElse(null);
        if (policies instanceof Policies p && guiVms instanceof PowerShellVmInventory ps && guiVms != backend.vms()) {
            return p.over(ps.policies());
        }
        return policies;
    }

    /** Builds the main window on {@code stage} (FX thread); also used by the headless GUI tests. */
    public static MainWindow createMainWindow(Stage stage, Backend backend, Settings settings) {
        return new Gui(stage, backend, settings).window;
    }

    /** The JavaFX application; public because JavaFX instantiates it reflectively. */
    public static final class Fx extends Application {

        @Override
        public void start(Stage stage) {
            Start s = Objects.requireNonNull(pending, "App.launchAndWait was not called");
            boolean[] dialogOpen = {false};
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
                // a defect in a view must not end the app silently: show it and keep going;
                // one dialog at a time, since a failing layout pass repeats its exception
                LOG.log(System.Logger.Level.ERROR, "Unexpected failure on the FX thread", e);
                Platform.runLater(() -> {
                    if (!dialogOpen[0]) {
                        dialogOpen[0] = true;
                        Alert alert = ErrorDialog.create(stage.isShowing() ? stage : null, ErrorText.of(e));
                        alert.setOnHidden(h -> dialogOpen[0] = false);
                        alert.show();
                    }
                });
            });
            createMainWindow(stage, s.backend(), s.settings()).show();
        }
    }
}
