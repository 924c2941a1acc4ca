package io.hvx.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a VM picker, or what a user typed into it. A picked entry carries its VM ID,
 * so nothing reads an ID back out of a label; typed text carries no ID and goes through
 * {@link NameResolver#vm(VmChoice)}.
 *
 * @param label what the picker shows: the VM's name, the alias, or the typed text (stripped)
 * @param id    the VM ID of a picked entry; {@code null} for typed text
 * @param alias the alias of a picked alias entry; {@code null} otherwise
 */
public record VmChoice(String label, Guid id, VmAlias alias) {

    public VmChoice {
        label = label == null ? "" : label.strip();
    }

    /** A VM of the inventory (a VM without a name is labelled by its ID). */
    public static VmChoice of(VirtualMachine vm) {
        return new VmChoice(vm.name().isBlank() ? vm.id().toString() : vm.name(), vm.id(), null);
    }

    /** A well-known VM ID, labelled by its alias ({@code parent}…). */
    public static VmChoice of(VmAlias alias) {
        return new VmChoice(alias.alias(), alias.guid(), alias);
    }

    /** Text typed into the picker, resolved when used. */
    public static VmChoice typed(String text) {
        return new VmChoice(text, null, null);
    }

    /** Whether this is typed text rather than a picked entry. */
    public boolean isTyped() {
        return id == null;
    }

    /** Whether there is nothing to resolve (typed text that is blank). */
    public boolean isBlank() {
        return isTyped() && label.isEmpty();
    }

    /**
     * A picker's entries: the inventory's VMs in its order (each ID once), then {@code aliases}.
     */
    public static List<VmChoice> list(List<VirtualMachine> vms, List<VmAlias> aliases) {
        List<VmChoice> out = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            if (out.stream().noneMatch(c -> Objects.equals(c.id(), vm.id()))) {
                out.add(of(vm));
            }
        }
        for (VmAlias a : aliases) {
            out.add(of(a));
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
