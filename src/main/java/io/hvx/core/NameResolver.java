package io.hvx.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one answer to "what does this text name?" for every command and view (DESIGN.md §3).
 *
 * <ul>
 *   <li>A <b>VM</b>: a GUID (any case, braces optional), an alias ({@code parent},
 *       {@code wildcard}, {@code children}, {@code loopback}, {@code silohost},
 *       {@code broadcast}), or the name of a VM of the active inventory (case-insensitive).
 *       Checked in that order, so the inventory (which may start PowerShell) is asked only
 *       for a name; a VM named like an alias is reached by its GUID. Several VMs with the name
 *       → the candidates with their IDs; none → "No VM is named 'x'" with the closest names.</li>
 *   <li>A <b>service</b>: a GUID, {@code vsock:PORT}, the exact registered name, or the
 *       registered name in any case. The registry is read only for a name. A name several
 *       entries share → "several services are named 'x'" with their GUIDs.</li>
 * </ul>
 *
 * Every failure is an {@link InvalidInputException} whose sentence says what was accepted.
 * Calls may block (inventory, registry); UI code calls them through its task runner.
 */
public final class NameResolver {

    private static final System.Logger LOG = System.getLogger(NameResolver.class.getName());

    private final VmInventory vms;
    private final ServiceRegistry services;

    /**
     * @param vms      the active VM inventory, asked only when a VM is given by name
     * @param services the service registrations, read only when a service is given by name
     */
    public NameResolver(VmInventory vms, ServiceRegistry services) {
        this.vms = Objects.requireNonNull(vms, "vms");
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * An ID with the name users know it by.
     *
     * @param id   the GUID
     * @param name the VM's name, the alias, the registered name, {@code vsock:PORT} or the GUID itself
     */
    public record Named(Guid id, String name) {
        public Named {
            Objects.requireNonNull(id, "id");
            name = name == null || name.isBlank() ? id.toString() : name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * What a (VM, service) pair resolved to: the endpoint to use and how to name its two halves
     * (for titles, messages and reports).
     */
    public record Target(HvEndpoint endpoint, Named vm, Named service) {
        public Target(Named vm, Named service) {
            this(new HvEndpoint(vm.id(), service.id()), vm, service);
        }

        /** {@code vm / service} as users read it. */
        public String describe() {
            return vm.name() + " / " + service.name();
        }
    }

    /** The VM {@code text} names. */
    public Named vm(String text) {
        String t = text == null ? "" : text.strip();
        Optional<Named> fixed = vmWithoutInventory(t);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        VirtualMachine vm = vmByName(t, vms.list());
        return new Named(vm.id(), vm.name());
    }

    /** The VM a picker entry stands for: its own ID when picked, the resolved text when typed. */
    public Named vm(VmChoice choice) {
        return choice.isTyped() ? vm(choice.label()) : new Named(choice.id(), choice.label());
    }

    /** The service {@code text} names. */
    public Named service(String text) {
        String t = text == null ? "" : text.strip();
        Optional<Named> fixed = serviceWithoutRegistry(t);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        ServiceRegistration r = serviceByName(t, services.list());
        return new Named(r.id(), r.name());
    }

    /** The service a picker entry stands for. */
    public Named service(ServiceChoice choice) {
        return choice.isTyped() ? service(choice.where()) : new Named(choice.id(), choice.shortLabel());
    }

    /**
     * The pair two texts name. The service is resolved before a VM name: it never starts a
     * process, so a mistyped service is reported without waiting for the VM inventory.
     */
    public Target target(String vm, String service) {
        if (vm == null || vm.isBlank()) {
            throw new InvalidInputException(Problem.of("vms.resolve.empty"));
        }
        Named s = service(service);
        return new Target(vm(vm), s);
    }

    /** The pair two picker entries stand for (typed text resolved as {@link #target(String, String)} does). */
    public Target target(VmChoice vm, ServiceChoice service) {
        if (vm.isBlank()) {
            throw new InvalidInputException(Problem.of("vms.resolve.empty"));
        }
        Named s = service(service);
        return new Target(vm(vm), s);
    }

    /**
     * The name users know {@code id} by, for decoding a GUID ({@code hvx guid}, the workbench):
     * the alias's SDK constant or in-box service's name, else the registered name, else the
     * name of the inventory's VM with that ID.
     *
     * <p>Cost: the service registry (a JSON file or a registry key) is always read; the VM
     * inventory, which on a Windows host starts PowerShell, only when the GUID could still be a
     * VM ID — not an alias, not a vsock template GUID (those are service IDs) and not a
     * registered service. A source that cannot be read leaves the name out rather than failing
     * the decode.
     */
    public Optional<String> nameOf(Guid id) {
        GuidFacts facts = GuidFacts.of(id);
        if (facts.name() != null) {
            return Optional.of(facts.name());
        }
        Optional<String> registered = readQuietly(services::list)
                .flatMap(list -> registeredName(id, list));
        if (registered.isPresent() || facts.vsockPort().isPresent()) {
            return registered;
        }
        return readQuietly(vms::list).flatMap(list -> vmName(id, list));
    }

    /**
     * What {@link #nameOf(Guid)} says, from lists already at hand (a view that keeps them):
     * the well-known name, the registered name, or the VM's name.
     */
    public static Optional<String> nameOf(Guid id, List<ServiceRegistration> services, List<VirtualMachine> vms) {
        String known = GuidFacts.of(id).name();
        if (known != null) {
            return Optional.of(known);
        }
        return registeredName(id, services).or(() -> vmName(id, vms));
    }

    /** The registered name of {@code id}, if it is registered with one. */
    public static Optional<String> registeredName(Guid id, List<ServiceRegistration> services) {
        return services.stream().filter(r -> r.id().equals(id) && r.name() != null && !r.name().isBlank())
                .map(ServiceRegistration::name).findFirst();
    }

    /** The name of the VM with ID {@code id} among {@code vms}, if it has one. */
    public static Optional<String> vmName(Guid id, List<VirtualMachine> vms) {
        return vms.stream().filter(v -> v.id().equals(id) && !v.name().isBlank())
                .map(VirtualMachine::name).findFirst();
    }

    private static <T> Optional<T> readQuietly(Callable<T> read) {
        try {
            return Optional.ofNullable(read.call());
        } catch (Exception e) {
            // a name is a nicety when decoding: the GUID's facts stand without it
            LOG.log(System.Logger.Level.DEBUG, "No name for a GUID: the source could not be read", e);
            return Optional.empty();
        }
    }

    /** A GUID or an alias, which need no inventory; empty for anything else. */
    private static Optional<Named> vmWithoutInventory(String t) {
        if (t.isEmpty()) {
            throw new InvalidInputException(Problem.of("vms.resolve.empty"));
        }
        Guid g = Guid.tryParse(t);
        if (g != null) {
            return Optional.of(new Named(g, VmAlias.byGuid(g).map(VmAlias::alias).orElse(g.toString())));
        }
        return VmAlias.byName(t).map(a -> new Named(a.guid(), a.alias()));
    }

    /** A GUID or {@code vsock:PORT}, which need no registry; empty for anything else. */
    private static Optional<Named> serviceWithoutRegistry(String t) {
        if (t.isEmpty()) {
            throw new InvalidInputException(Problem.of("resolve.service.empty"));
        }
        if (t.regionMatches(true, 0, "vsock:", 0, 6)) {
            long port = GuidFacts.parsePort(t.substring(6));
            return Optional.of(new Named(VsockTemplate.guidForPort(port), "vsock:" + port));
        }
        Guid g = Guid.tryParse(t);
        if (g == null) {
            return Optional.empty();
        }
        OptionalLong port = VsockTemplate.portOf(g);
        return Optional.of(new Named(g, port.isPresent() ? "vsock:" + port.getAsLong() : g.toString()));
    }

    /**
     * The one VM named {@code text} (case-insensitive) among {@code vms}.
     *
     * @throws InvalidInputException when none is (with the closest names) or several are (with
     *                               their IDs)
     */
    public static VirtualMachine vmByName(String text, List<VirtualMachine> vms) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(Problem.of("vms.resolve.empty"));
        }
        List<VirtualMachine> matches = vms.stream().filter(vm -> vm.name().strip().equalsIgnoreCase(name)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            List<String> near = closest(name, vms.stream().map(VirtualMachine::name).toList(), 3);
            throw new InvalidInputException(near.isEmpty() ? Problem.of("vms.resolve.unknown", name)
                    : Problem.of("vms.resolve.unknown.closest", name, String.join(", ", near)));
        }
        String candidates = matches.stream().map(v -> v.name() + " (" + v.id() + ")")
                .collect(Collectors.joining(", "));
        throw new InvalidInputException(Problem.of("vms.resolve.ambiguous", name, String.valueOf(matches.size()), candidates));
    }

    /**
     * The one registration named {@code text}: the exact name first, then the name in any case.
     *
     * @throws InvalidInputException when none is (with the closest names) or several are
     *                               ("several services are named …" with their GUIDs)
     */
    public static ServiceRegistration serviceByName(String text, List<ServiceRegistration> registrations) {
        String name = text == null ? "" : text.strip();
        List<ServiceRegistration> named = registrations.stream().filter(r -> r.name() != null).toList();
        List<Predicate<ServiceRegistration>> exactThenAnyCase = List.of(
                r -> r.name().strip().equals(name), r -> r.name().strip().equalsIgnoreCase(name));
        for (Predicate<ServiceRegistration> match : exactThenAnyCase) {
            List<ServiceRegistration> matches = named.stream().filter(match).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
            if (matches.size() > 1) {
                throw new InvalidInputException(Problem.of("error.services.id.ambiguous", name,
                        matches.stream().map(r -> r.id().toString()).collect(Collectors.joining(", "))));
            }
        }
        List<String> near = closest(name, named.stream().map(ServiceRegistration::name).toList(), 3);
        throw new InvalidInputException(near.isEmpty() ? Problem.of("resolve.service.unknown", name)
                : Problem.of("resolve.service.unknown.closest", name, String.join(", ", near)));
    }

    /**
     * Up to {@code max} of {@code names} within a small edit distance of {@code text}
     * (case-insensitive Levenshtein distance of at most a third of the text's length, and at
     * least 2), nearest first.
     */
    public static List<String> closest(String text, Collection<String> names, int max) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 3);
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank() || scored.stream().anyMatch(s -> s.name().equals(n))) {
                continue;
            }
            int d = distance(t, n.strip().toLowerCase(Locale.ROOT));
            if (d <= limit) {
                scored.add(new Scored(n, d));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max).map(Scored::name).toList();
    }

    /** Levenshtein distance (insert, delete, substitute a character). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
