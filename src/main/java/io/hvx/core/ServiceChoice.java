package io.hvx.core;

import java.util.List;
import java.util.OptionalLong;

/**
 * One entry of a service picker, or what a user typed into it. A picked entry carries its
 * service ID; typed text carries none and goes through {@link NameResolver#service(ServiceChoice)}.
 *
 * @param name  the registered friendly name, or {@code null} (unnamed entry or typed text)
 * @param id    the service ID of a picked entry; {@code null} for typed text
 * @param typed the typed text (stripped); {@code null} for a picked entry
 */
public record ServiceChoice(String name, Guid id, String typed) {

    public ServiceChoice {
        name = name == null || name.isBlank() ? null : name.strip();
        typed = typed == null ? null : typed.strip();
        if ((id == null) == (typed == null)) {
            throw new IllegalArgumentException("a service choice is either picked (an ID) or typed (text)");
        }
    }

    /** A registered service. */
    public static ServiceChoice of(ServiceRegistration r) {
        return new ServiceChoice(r.name(), r.id(), null);
    }

    /** Text typed into the picker, resolved when used. */
    public static ServiceChoice typed(String text) {
        return new ServiceChoice(null, null, text == null ? "" : text);
    }

    /** The picker's entries for these registrations, in their order. */
    public static List<ServiceChoice> list(List<ServiceRegistration> registrations) {
        return registrations.stream().map(ServiceChoice::of).toList();
    }

    public boolean isTyped() {
        return id == null;
    }

    /** Whether there is nothing to resolve (typed text that is blank). */
    public boolean isBlank() {
        return isTyped() && typed.isEmpty();
    }

    /** Where the service is: {@code vsock:PORT} for a template GUID, else the GUID; the text when typed. */
    public String where() {
        if (isTyped()) {
            return typed;
        }
        OptionalLong port = VsockTemplate.portOf(id);
        return port.isPresent() ? "vsock:" + port.getAsLong() : id.toString();
    }

    /** What a picker shows: {@code Demo echo · vsock:7}, or just where it is when unnamed or typed. */
    public String label() {
        return name == null ? where() : name + " · " + where();
    }

    /** The short form for titles: the name when there is one, else where it is. */
    public String shortLabel() {
        return name != null ? name : where();
    }

    @Override
    public String toString() {
        return label();
    }
}
