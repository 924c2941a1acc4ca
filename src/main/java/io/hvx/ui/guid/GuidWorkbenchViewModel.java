package io.hvx.ui.guid;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.Hex;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.NameResolver;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.SockaddrHv;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.ui.common.TaskRunner;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the GUID workbench: what the user typed, the VM chosen for the socket address (an
 * alias or a VM of the inventory), and everything derived from them through {@link GuidFacts},
 * with the name the GUID has here (a registered service's or a VM's). Holds no nodes, so it is
 * tested without the FX toolkit; the view binds to its properties.
 *
 * <p>The registrations and VMs are read in the background by {@link #refresh()} (each time the
 * section is shown) and kept, so typing never waits for the registry or PowerShell.
 */
public final class GuidWorkbenchViewModel {

    private static final System.Logger LOG = System.getLogger(GuidWorkbenchViewModel.class.getName());

    /** What the input currently is. */
    public enum State { EMPTY, VALID, INVALID }

    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final Callable<List<VirtualMachine>> vmSource;
    private final Callable<List<ServiceRegistration>> serviceSource;
    private final TaskRunner tasks;
    private final ObservableList<VmChoice> vmChoices =
            FXCollections.observableArrayList(VmChoice.list(List.of(), List.of(VmAlias.values())));
    private List<VirtualMachine> vms = List.of();
    private List<ServiceRegistration> services = List.of();
    private final ObjectProperty<VmChoice> vm = new SimpleObjectProperty<>(this, "vm", VmChoice.of(VmAlias.PARENT));
    private final ReadOnlyStringWrapper vmHelp = new ReadOnlyStringWrapper(this, "vmHelp", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.EMPTY);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper canonical = new ReadOnlyStringWrapper(this, "canonical", "");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper shortName = new ReadOnlyStringWrapper(this, "shortName", "");
    private final ReadOnlyStringWrapper vsockPort = new ReadOnlyStringWrapper(this, "vsockPort", "");
    private final ReadOnlyStringWrapper windowsBytes = new ReadOnlyStringWrapper(this, "windowsBytes", "");
    private final ReadOnlyStringWrapper rfc4122Bytes = new ReadOnlyStringWrapper(this, "rfc4122Bytes", "");
    private final ReadOnlyStringWrapper sockaddrDump = new ReadOnlyStringWrapper(this, "sockaddrDump", "");
    private final ReadOnlyStringWrapper sockaddrHex = new ReadOnlyStringWrapper(this, "sockaddrHex", "");
    private final ReadOnlyStringWrapper sockaddrHeader = new ReadOnlyStringWrapper(this, "sockaddrHeader", "");
    private final ReadOnlyStringWrapper sockaddrVmId = new ReadOnlyStringWrapper(this, "sockaddrVmId", "");
    private final ReadOnlyStringWrapper sockaddrServiceId = new ReadOnlyStringWrapper(this, "sockaddrServiceId", "");
    private final ReadOnlyStringWrapper defineGuid = new ReadOnlyStringWrapper(this, "defineGuid", "");
    private final ReadOnlyStringWrapper initializer = new ReadOnlyStringWrapper(this, "initializer", "");
    private final ReadOnlyStringWrapper powerShell = new ReadOnlyStringWrapper(this, "powerShell", "");
    private final ReadOnlyStringWrapper registryPath = new ReadOnlyStringWrapper(this, "registryPath", "");
    private GuidFacts facts;

    /**
     * @param vms      the VMs offered besides the aliases, and named when their ID is typed
     * @param services the registrations whose names are shown for their IDs
     * @param tasks    runs the (blocking) reads off the UI thread
     */
    public GuidWorkbenchViewModel(Callable<List<VirtualMachine>> vms, Callable<List<ServiceRegistration>> services,
                                  TaskRunner tasks) {
        this.vmSource = vms;
        this.serviceSource = services;
        this.tasks = tasks;
        input.addListener((o, a, b) -> update());
        vm.addListener((o, a, b) -> update());
        update();
    }

    /** Reads the VMs and registrations again; a source that fails keeps what was read before. */
    public void refresh() {
        tasks.run(vmSource, list -> {
            vms = List.copyOf(list);
            VmChoice chosen = vm.get();
            vmChoices.setAll(VmChoice.list(vms, List.of(VmAlias.values())));
            // the chosen VM under its current name, or the default when it is gone
            vm.set(vmChoices.stream().filter(c -> c.id().equals(chosen.id())).findFirst()
                    .orElse(VmChoice.of(VmAlias.PARENT)));
            update();
        }, t -> LOG.log(System.Logger.Level.WARNING, "The workbench keeps its VM list: listing VMs failed", t));
        tasks.run(serviceSource, list -> {
            services = List.copyOf(list);
            update();
        }, t -> LOG.log(System.Logger.Level.WARNING, "The workbench keeps its service names: listing services failed", t));
    }

    /** The VM picker's entries: the inventory's VMs, then every alias. */
    public ObservableList<VmChoice> vmChoices() {
        return vmChoices;
    }

    /**
     * The sentence explaining why {@code text} is not accepted, or empty when it is valid or
     * blank (blank input is not an error: the view shows a hint instead).
     */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            GuidFacts.parse(text);
            return Optional.empty();
        } catch (HvxException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Replaces the input with a new random (version 4) GUID. */
    public void newGuid() {
        input.set(Guid.random().toString());
    }

    private void update() {
        if (vm.get() == null) {
            // a picker may clear its value while its list is replaced: fall back to the default
            vm.set(VmChoice.of(VmAlias.PARENT));
            return;
        }
        VmChoice chosen = vm.get();
        vmHelp.set(chosen.alias() != null ? Messages.get(chosen.alias().helpKey())
                : Messages.get("guid.address.vmHelp", chosen.label(), String.valueOf(chosen.id())));
        String text = input.get();
        facts = null;
        String problem = "";
        if (text != null && !text.isBlank()) {
            try {
                facts = GuidFacts.parse(text);
            } catch (HvxException e) {
                problem = e.getMessage();
            }
        }
        error.set(problem);
        state.set(facts != null ? State.VALID : problem.isEmpty() ? State.EMPTY : State.INVALID);
        if (facts == null) {
            for (ReadOnlyStringWrapper p : Arrays.asList(canonical, name, shortName, vsockPort, windowsBytes, rfc4122Bytes,
                    sockaddrDump, sockaddrHex, sockaddrHeader, sockaddrVmId, sockaddrServiceId, defineGuid, initializer, powerShell, registryPath)) {
                p.set("");
            }
            return;
        }
        GuidFacts f = facts;
        canonical.set(f.guid().toString());
        Optional<String> registered = NameResolver.registeredName(f.guid(), services);
        Optional<String> vmName = NameResolver.vmName(f.guid(), vms);
        name.set(describeName(f, registered, vmName));
        shortName.set(NameResolver.nameOf(f.guid(), services, vms).orElse("—"));
        vsockPort.set(f.vsockPort().isPresent()
                ? String.format(Locale.ROOT, "%d (0x%x)", f.vsockPort().getAsLong(), f.vsockPort().getAsLong())
                : Messages.get("guid.vsock.none"));
        windowsBytes.set(Hex.spaced(f.guid().toWindowsBytes()));
        rfc4122Bytes.set(Hex.spaced(f.guid().toRfc4122Bytes()));
        byte[] address = new SockaddrHv(chosen.id(), f.guid()).encode();
        sockaddrHex.set(Hex.of(address));
        sockaddrDump.set(dump(address));
        sockaddrHeader.set(Hex.spaced(Arrays.copyOfRange(address, 0, 4)));
        sockaddrVmId.set(Hex.spaced(Arrays.copyOfRange(address, 4, 20)));
        sockaddrServiceId.set(Hex.spaced(Arrays.copyOfRange(address, 20, 36)));
        defineGuid.set(f.cDefineGuid(f.suggestedSymbol()));
        initializer.set(f.cInitializer());
        powerShell.set(f.powerShell());
        registryPath.set(f.registryPath());
    }

    private static String describeName(GuidFacts f, Optional<String> registered, Optional<String> vmName) {
        if (f.alias().isPresent()) {
            VmAlias a = f.alias().get();
            return Messages.get("guid.name.alias", a.sdkName(), a.alias(), Messages.get(a.helpKey()));
        }
        if (f.service().isPresent()) {
            return Messages.get("guid.name.service", f.service().get().elementName());
        }
        if (registered.isPresent()) {
            return f.vsockPort().isPresent()
                    ? Messages.get("guid.name.registered.vsock", registered.get(), String.valueOf(f.vsockPort().getAsLong()))
                    : Messages.get("guid.name.registered", registered.get());
        }
        if (f.vsockPort().isPresent()) {
            return Messages.get("guid.name.vsock");
        }
        if (vmName.isPresent()) {
            return Messages.get("guid.name.vm", vmName.get());
        }
        return Messages.get("guid.name.unknown");
    }

    /** Offsets and bytes in rows: the 4-byte header, the VM ID, the service ID. */
    private static String dump(byte[] b) {
        return String.format(Locale.ROOT, "%04x  %s%n%04x  %s%n%04x  %s",
                0, Hex.spaced(Arrays.copyOfRange(b, 0, 4)),
                4, Hex.spaced(Arrays.copyOfRange(b, 4, 20)),
                20, Hex.spaced(Arrays.copyOfRange(b, 20, 36)));
    }

    /** The facts of the current input, or empty while it is blank or invalid. */
    public Optional<GuidFacts> facts() {
        return Optional.ofNullable(facts);
    }

    public StringProperty inputProperty() {
        return input;
    }

    /** The VM whose ID goes into the socket address. */
    public ObjectProperty<VmChoice> vmProperty() {
        return vm;
    }

    /** One line about the chosen VM: the alias's meaning, or which VM it is. */
    public ReadOnlyStringProperty vmHelpProperty() {
        return vmHelp.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The sentence saying what is wrong with the input; empty unless {@link State#INVALID}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty canonicalProperty() {
        return canonical.getReadOnlyProperty();
    }

    /**
     * What the GUID is known as (alias and SDK name, in-box or registered service, vsock
     * template, VM of the inventory) or that it is unknown.
     */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** The short name (SDK constant, ElementName, registered or VM name), or a dash. */
    public ReadOnlyStringProperty shortNameProperty() {
        return shortName.getReadOnlyProperty();
    }

    /** SOCKADDR_HV bytes 0–3: family (34, little-endian) and the reserved zero bytes. */
    public ReadOnlyStringProperty sockaddrHeaderProperty() {
        return sockaddrHeader.getReadOnlyProperty();
    }

    /** SOCKADDR_HV bytes 4–19: the VM ID in Windows byte order. */
    public ReadOnlyStringProperty sockaddrVmIdProperty() {
        return sockaddrVmId.getReadOnlyProperty();
    }

    /** SOCKADDR_HV bytes 20–35: the service ID in Windows byte order. */
    public ReadOnlyStringProperty sockaddrServiceIdProperty() {
        return sockaddrServiceId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty vsockPortProperty() {
        return vsockPort.getReadOnlyProperty();
    }

    /** The Windows in-memory bytes, space-separated lowercase hex. */
    public ReadOnlyStringProperty windowsBytesProperty() {
        return windowsBytes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rfc4122BytesProperty() {
        return rfc4122Bytes.getReadOnlyProperty();
    }

    /** SOCKADDR_HV for the chosen VM as three offset-labelled rows (header, VmId, ServiceId). */
    public ReadOnlyStringProperty sockaddrDumpProperty() {
        return sockaddrDump.getReadOnlyProperty();
    }

    /** SOCKADDR_HV as one lowercase hex string without separators (as {@code hvx address} prints it). */
    public ReadOnlyStringProperty sockaddrHexProperty() {
        return sockaddrHex.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty defineGuidProperty() {
        return defineGuid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty initializerProperty() {
        return initializer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty powerShellProperty() {
        return powerShell.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty registryPathProperty() {
        return registryPath.getReadOnlyProperty();
    }
}
