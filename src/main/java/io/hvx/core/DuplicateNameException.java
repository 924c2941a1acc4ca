package io.hvx.core;

import java.util.List;

/**
 * A friendly name another registration has already (compared case-insensitively). The CLI
 * reports it (exit 2; {@code --force} allows it); the GUI recognises this type and asks whether
 * to use the name anyway, then repeats the call allowing duplicates.
 */
public final class DuplicateNameException extends InvalidInputException {

    private final String name;
    private final transient List<ServiceRegistration> holders;

    public DuplicateNameException(String name, List<ServiceRegistration> holders) {
        super(Problem.of("error.services.name.taken", name, describe(holders)));
        this.name = name;
        this.holders = List.copyOf(holders);
    }

    private static String describe(List<ServiceRegistration> holders) {
        return String.join(", ", holders.stream().map(r -> "\"" + r.name() + "\" " + r.id()).toList());
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }

    /** The registrations that have it already. */
    public List<ServiceRegistration> holders() {
        return holders;
    }
}
