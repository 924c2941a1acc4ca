package io.hvx.core;

import java.util.List;
import java.util.Optional;

/**
 * The hvsocket service registrations of the current mode: the registry key
 * {@code HKLM\...\Virtualization\GuestCommunicationServices} on Windows, a JSON store in the
 * sandbox, a read-only list of saved services in a Linux guest.
 *
 * <p>Every implementation applies the same rules: GUIDs in any accepted form, duplicates refused,
 * vsock ports 0…0x7FFFFFFF, friendly names trimmed, non-empty, at most 256 characters and free of
 * control characters; {@code builtin} entries are never renamed or removed and {@code other}
 * entries only with {@code force}. Each change first records the previous state in an undo
 * journal, and a refused operation leaves the store byte-identical.
 *
 * <p>Calls may block (registry, file system) and are bounded by a timeout; UI code calls them off
 * the FX thread. Failures are {@link HvxException}s: {@link InvalidInputException} when the
 * request breaks a rule, {@link ElevationRequiredException} when writing needs an elevated
 * administrator, {@link OperationFailedException} otherwise.
 */
public interface ServiceRegistry {

    /** All registrations, sorted by name (entries without a name last), then id. */
    List<ServiceRegistration> list();

    /**
     * Registers {@code id} with friendly name {@code name}, stamped with this app's
     * {@code CreatedBy}/{@code CreatedAt}. The check that {@code id} is free and the write happen
     * under one lock, so of several callers adding one id exactly one succeeds.
     *
     * @param allowDuplicateName whether a name another registration has (ignoring case) is accepted
     * @return the stored registration
     * @throws DuplicateNameException when the name is taken and {@code allowDuplicateName} is false
     */
    ServiceRegistration add(Guid id, String name, boolean allowDuplicateName);

    /** {@link #add(Guid, String, boolean)} refusing names that are taken. */
    default ServiceRegistration add(Guid id, String name) {
        return add(id, name, false);
    }

    /**
     * Gives {@code id} a new friendly name; {@code force} is needed for {@code other} entries.
     * Fails when {@code id} is no longer registered (checked under the same lock as the write).
     *
     * @param allowDuplicateName whether a name another registration has (ignoring case) is accepted
     * @throws DuplicateNameException when the name is taken and {@code allowDuplicateName} is false
     */
    ServiceRegistration rename(Guid id, String name, boolean force, boolean allowDuplicateName);

    /** {@link #rename(Guid, String, boolean, boolean)} refusing names that are taken. */
    default ServiceRegistration rename(Guid id, String name, boolean force) {
        return rename(id, name, force, false);
    }

    /** Removes {@code id}; {@code force} is needed for {@code other} entries. */
    ServiceRegistration remove(Guid id, boolean force);

    /**
     * The entry {@link #rename} or {@link #remove} would change, after the same checks (exists,
     * not built-in, {@code other} only with force), so callers can refuse before asking the user
     * to confirm. Changes nothing.
     */
    ServiceRegistration editable(Guid id, boolean force);

    /**
     * Computes what importing {@code entries} would do, without changing anything.
     *
     * @param allowDelete whether deletions in the file may be applied
     * @param force       whether names of {@code other} entries may be changed
     */
    ImportPlan plan(List<ImportPlan.Entry> entries, boolean allowDelete, boolean force);

    /**
     * Applies {@code plan} as one change (one undo step), completely or not at all: a plan with a
     * refused row is refused as a whole ({@link ImportPlan#refusal()}), and the plan is checked
     * again against the current state under the store's lock; nothing is written when it no
     * longer holds. When a store fails part-way (the registry denies one key), what was written
     * is rolled back. Added entries get the values the file gives (like regedit), so an entry of
     * another tool stays {@code other} after an export and an import.
     *
     * @return how many entries were added, renamed and deleted
     * @throws InvalidInputException when a row is refused or the plan is stale
     */
    ImportPlan.Result apply(ImportPlan plan);

    /** The last change that {@link #undo()} would revert, if any (a policy change included). */
    Optional<UndoableChange> lastChange();

    /**
     * Reverts the last change recorded in the undo journal for this store, or, when it is newer,
     * the last per-VM policy change of its services ({@link ServicePolicies}).
     *
     * @return the change that was reverted
     * @throws InvalidInputException when there is nothing to undo
     */
    UndoableChange undo();

    /** Whether changes are possible now and, if not, why. */
    Writability writability();

    /** Shorthand for {@code writability().writable()}. */
    default boolean writable() {
        return writability().writable();
    }

    /** Where the registrations live, for display (registry path or file). */
    String location();

    /**
     * Calls {@code onChange} (on a background thread) when the registrations change outside this
     * object, e.g. another process edits the store. Closing the handle stops watching.
     */
    AutoCloseable watch(Runnable onChange);

    /**
     * Whether changes are possible.
     *
     * @param writable       true when add/rename/remove/import/undo may be attempted
     * @param reason         why not, or {@code null} when writable
     * @param needsElevation true when restarting as an elevated administrator would make it writable
     */
    record Writability(boolean writable, Problem reason, boolean needsElevation) {
        public static Writability yes() {
            return new Writability(true, null, false);
        }

        public static Writability no(Problem reason, boolean needsElevation) {
            return new Writability(false, reason, needsElevation);
        }
    }

    /**
     * A change recorded in the undo journal.
     *
     * @param action what was done: {@code add}, {@code rename}, {@code remove}, {@code import} or
     *               {@code policy} (a per-VM policy change, see {@link ServicePolicies})
     * @param ids    the services it touched
     * @param at     when it was made (ISO-8601)
     */
    record UndoableChange(String action, List<Guid> ids, String at) {
        public UndoableChange {
            ids = List.copyOf(ids);
        }

        /** Message key naming the action for users. */
        public String labelKey() {
            return switch (action) {
                case "add" -> Messages.key("services.action.add");
                case "rename" -> Messages.key("services.action.rename");
                case "remove" -> Messages.key("services.action.remove");
                case "policy" -> Messages.key("services.action.policy");
                default -> Messages.key("services.action.import");
            };
        }
    }
}
