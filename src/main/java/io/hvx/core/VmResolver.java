package io.hvx.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what a user types for a VM into its ID: a GUID (any case, braces optional), a VM alias
 * ({@code parent}, {@code wildcard}…) or a VM name (case-insensitive). Checked in that order,
 * so the inventory (which may start PowerShell) is asked only when the text is a name; a VM
 * that happens to be named like an alias is reached by its GUID.
 */
public final class VmResolver {

    private final VmInventory inventory;

    public VmResolver(VmInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * What a VM argument resolved to.
     *
     * @param id    the VM ID to use
     * @param vm    the inventory's VM with that ID, when it has one
     * @param alias the well-known alias, when the ID is one
     */
    public record Resolution(Guid id, Optional<VirtualMachine> vm, Optional<VmAlias> alias) {
    }

    /**
     * The VM ID {@code text} names.
     *
     * @throws InvalidInputException when the text is empty, matches no VM, or matches several
     *                               (the sentence lists the candidates with their IDs)
     */
    public Guid resolve(String text) {
        Guid g = Guid.tryParse(text);
        if (g != null) {
            return g;
        }
        Optional<VmAlias> alias = VmAlias.byName(text);
        if (alias.isPresent()) {
            return alias.get().guid();
        }
        return byName(text, inventory.list()).id();
    }

    /**
     * Like {@link #resolve} and also returns the matching VM of the inventory (looked up by ID
     * for a GUID, so a GUID of a VM the inventory does not list still resolves, without a VM).
     */
    public Resolution resolveVm(String text) {
        Guid g = Guid.tryParse(text);
        Optional<VmAlias> alias = g == null ? VmAlias.byName(text) : VmAlias.byGuid(g);
        if (g == null && alias.isPresent()) {
            g = alias.get().guid();
        }
        List<VirtualMachine> vms = inventory.list();
        if (g != null) {
            Guid id = g;
            return new Resolution(id, vms.stream().filter(v -> v.id().equals(id)).findFirst(), alias);
        }
        VirtualMachine vm = byName(text, vms);
        return new Resolution(vm.id(), Optional.of(vm), VmAlias.byGuid(vm.id()));
    }

    /** The one VM named {@code text} (case-insensitive) among {@code vms}. */
    public static VirtualMachine byName(String text, List<VirtualMachine> vms) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(Problem.of("vms.resolve.empty"));
        }
        List<VirtualMachine> matches = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            if (vm.name().strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                matches.add(vm);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException(Problem.of("vms.resolve.unknown", name));
        }
        String candidates = matches.stream().map(v -> v.name() + " (" + v.id() + ")")
                .collect(Collectors.joining(", "));
        throw new InvalidInputException(Problem.of("vms.resolve.ambiguous", name, String.valueOf(matches.size()), candidates));
    }
}
