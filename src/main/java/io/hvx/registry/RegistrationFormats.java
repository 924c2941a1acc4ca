package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.Problem;
import io.hvx.core.ServiceFormats;
import io.hvx.core.ServiceRegistration;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ServiceFormats} by the registry package's own rules and codecs ({@link ServiceRules},
 * {@link ServiceFiles}, {@link Registrations#ownerValues}), so the GUI and the CLI apply the same.
 */
public final class RegistrationFormats implements ServiceFormats {

    @Override
    public Problem nameProblem(String name) {
        return ServiceRules.nameProblem(name);
    }

    @Override
    public Guid parseId(String text) {
        return ServiceRules.id(text);
    }

    @Override
    public Guid vsockPortId(String text) {
        return ServiceRules.vsockPort(text);
    }

    @Override
    public String ownerValues(ServiceRegistration registration) {
        return Registrations.ownerValues(registration);
    }

    @Override
    public void export(FileFormat format, List<ServiceRegistration> entries, Path file) {
        ServiceFiles.export(codec(format), entries, file);
    }

    @Override
    public List<ImportPlan.Entry> read(Path file) {
        return ServiceFiles.read(file);
    }

    /** The codec of a format: the two enums name the same three formats. */
    static ServiceFiles.Format codec(FileFormat format) {
        return switch (format) {
            case REG -> ServiceFiles.Format.REG;
            case PS1 -> ServiceFiles.Format.PS1;
            case JSON -> ServiceFiles.Format.JSON;
        };
    }
}
