package io.hvx.registry;

import io.hvx.files.AtomicFiles;
import io.hvx.files.RefusedFileException;
import io.hvx.files.SafeFiles;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Export and import files: the three formats and how a file's format is recognised. */
public final class ServiceFiles {

    /** Import files larger than this are refused (a registration file is a few kilobytes). */
    static final long MAX_IMPORT_BYTES = 16L * 1024 * 1024;

    /** Export formats. */
    public enum Format {
        REG("reg"), PS1("ps1"), JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format for a file name's extension. */
        public static Optional<Format> byExtension(String fileName) {
            String n = fileName.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (n.endsWith("." + f.extension)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    private ServiceFiles() {
    }

    /** The bytes of an export of {@code entries} in {@code format}. */
    public static byte[] export(Format format, List<ServiceRegistration> entries) {
        return switch (format) {
            case REG -> RegFile.write(entries);
            case PS1 -> Ps1Script.write(entries);
            case JSON -> JsonExport.write(entries);
        };
    }

    /** Writes an export atomically. */
    public static void export(Format format, List<ServiceRegistration> entries, Path file) {
        try {
            AtomicFiles.write(file, export(format, entries));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.export.io", file), e.toString(), e);
        }
    }

    /**
     * Reads the entries of a .reg or .json file (recognised by extension, else by content). Only
     * a regular file of at most 16 MB is read: a FIFO or a device is refused before it is opened.
     *
     * @throws InvalidInputException when the file cannot be read as either, naming why and where
     */
    public static List<ImportPlan.Entry> read(Path file) {
        byte[] bytes;
        try {
            bytes = SafeFiles.read(file, MAX_IMPORT_BYTES);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Problem.of("error.services.import.missing", file));
        } catch (RefusedFileException e) {
            throw new InvalidInputException(e.problem());
        } catch (IOException e) {
            // the system's own words ("File name too long", "Permission denied"), not a guess
            String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : String.valueOf(e.getMessage());
            throw new OperationFailedException(Problem.of("error.services.import.io", file, reason), e.toString(), e);
        }
        String name = file.getFileName().toString();
        Format f = Format.byExtension(name).orElseGet(() -> sniff(bytes));
        return switch (f) {
            case REG -> RegFile.read(name, bytes);
            case JSON -> JsonExport.read(name, bytes);
            case PS1 -> throw new InvalidInputException(Problem.of("error.services.import.ps1", file));
        };
    }

    private static Format sniff(byte[] bytes) {
        String t = RegFile.decode(bytes).strip();
        if (t.startsWith("[") || t.startsWith("{")) {
            return Format.JSON;
        }
        return Format.REG;
    }
}
