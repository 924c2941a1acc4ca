package io.hvx.core.tester;

import java.nio.file.Path;
import java.util.List;

/** Port: writes test results to a file the user chose (the GUI's Export); the UI never writes files itself. */
public interface ReportFiles {

    /** The file formats. */
    enum Format {
        /** {@link TestReports#jsonRuns}: the runs with the CLI's contract objects. */
        JSON("json"),
        /** {@link TestReports#csv}: one row per run (per size for a sweep). */
        CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * Writes {@code results} to {@code path} in {@code format}, atomically (the file is complete
     * or unchanged).
     *
     * @throws io.hvx.core.OperationFailedException when the file cannot be written
     */
    void save(Path path, Format format, List<TestResult> results);
}
