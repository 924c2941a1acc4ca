package io.hvx.cli;

import io.hvx.core.Backend;
import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServiceResolver;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user types for a VM and a service into IDs. The basic resolver reads GUIDs,
 * aliases ({@code parent}, {@code wildcard}…), {@code vsock:PORT}, registered services' friendly
 * names and, in the sandbox, VM names; VM names from Hyper-V come from the VM inventory's
 * resolver when that is wired in.
 */
public interface EndpointNames {

    /** The VM ID for a VM name, GUID or alias. */
    Guid vm(String text);

    /** The service ID for a GUID, {@code vsock:PORT} or friendly name. */
    Guid service(String text);

    /** The basic resolver for a backend. */
    static EndpointNames basic(Backend backend) {
        Optional<SandboxVms> vms = backend.sandboxVms();
        return new EndpointNames() {
            @Override
            public Guid vm(String text) {
                if (vms.isPresent() && text != null) {
                    String t = text.strip().toLowerCase(Locale.ROOT);
                    for (SandboxVms.Vm v : vms.get().all()) {
                        if (v.name().toLowerCase(Locale.ROOT).equals(t)) {
                            return v.id();
                        }
                    }
                }
                return GuidFacts.parse(text).guid();
            }

            @Override
            public Guid service(String text) {
                return ServiceResolver.resolve(backend.services(), text);
            }
        };
    }
}
