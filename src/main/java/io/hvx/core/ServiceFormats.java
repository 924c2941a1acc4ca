package io.hvx.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an editor of service registrations needs besides the {@link ServiceRegistry} itself: the
 * input rules checked while the user types, the values that say who owns an entry, and export
 * and import files. Implemented in {@code io.hvx.registry} by the same code the CLI uses and
 * handed to the GUI by the composition root, so the GUI never reads or writes files itself.
 *
 * <p>The rules and owner values are pure; {@link #export} and {@link #read} do file IO and may
 * block (UI code calls them through its task runner).
 */
public interface ServiceFormats {

    /** The export file formats. */
    enum FileFormat {
        /** A regedit file (UTF-16LE with BOM). */
        REG("reg"),
        /** A PowerShell script that registers the entries. */
        PS1("ps1"),
        /** This app's JSON export. */
        JSON("json");

        private final String extension;

        FileFormat(String extension) {
            this.extension = extension;
        }

        /** The file name extension, without the dot. */
        public String extension() {
            return extension;
        }

        /** The format a file name's extension names, if any. */
        public static Optional<FileFormat> byExtension(String fileName) {
            String n = fileName.toLowerCase(Locale.ROOT);
            for (FileFormat f : values()) {
                if (n.endsWith("." + f.extension)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** What is wrong with a friendly name as typed, or null when it is acceptable. */
    Problem nameProblem(String name);

    /**
     * The service ID a user typed: a GUID in any accepted form or {@code vsock:PORT}.
     *
     * @throws InvalidInputException naming what is wrong
     */
    Guid parseId(String text);

    /**
     * The service ID of a vsock port typed as a number (decimal or {@code 0x} hex).
     *
     * @throws InvalidInputException when it is not a port in 0…0x7FFFFFFF
     */
    Guid vsockPortId(String text);

    /**
     * The values that say who owns an entry ({@code ElementName}, {@code CreatedBy},
     * {@code CreatedAt}), shown before renaming or removing another tool's entry.
     */
    String ownerValues(ServiceRegistration registration);

    /**
     * Writes {@code entries} to {@code file} in {@code format}, atomically.
     *
     * @throws OperationFailedException when the file cannot be written
     */
    void export(FileFormat format, List<ServiceRegistration> entries, Path file);

    /**
     * The entries of a {@code .reg} or {@code .json} file (recognised by extension, else by
     * content), ready for {@link ServiceRegistry#plan}.
     *
     * @throws InvalidInputException when the file is missing, too large or not readable as either
     */
    List<ImportPlan.Entry> read(Path file);
}
