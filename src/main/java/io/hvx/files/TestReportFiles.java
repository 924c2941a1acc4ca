package io.hvx.files;

import com.google.gson.GsonBuilder;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.tester.ReportFiles;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Test results as JSON or CSV files, written atomically. */
public final class TestReportFiles implements ReportFiles {

    @Override
    public void save(Path path, Format format, List<TestResult> results) {
        String text = switch (format) {
            case JSON -> new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create()
                    .toJson(TestReports.jsonRuns(results)) + "\n";
            case CSV -> TestReports.csv(results);
        };
        try {
            AtomicFiles.write(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("tester.export.failed", path.toString(), e.getMessage()),
                    e.toString(), e);
        }
    }
}
