package io.hvx.cli;

import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.platform.Logs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hvx info}: mode, elevation, versions, directories and the log file (the same facts as text and JSON). */
@Command(name = "info", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class InfoCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public InfoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Environment env = ctx.backend().environment();
        // the backend has pointed the log at its data directory
        Path logFile = Logs.currentFile();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", env.mode().id());
            m.put("elevated", env.elevated());
            m.put("version", env.version());
            m.put("os", env.os());
            m.put("java", env.java());
            m.put("sandboxDir", env.sandboxDir().toString());
            m.put("dataDir", env.dataDir().toString());
            m.put("logFile", logFile == null ? null : logFile.toString());
            ctx.printJson(m);
        } else {
            var out = ctx.out();
            out.printf("%-12s %s%n", Messages.get("info.mode"), env.mode().id());
            out.printf("%-12s %s%n", Messages.get("info.elevated"),
                    Messages.get(env.elevated() ? "common.yes" : "common.no"));
            out.printf("%-12s %s%n", Messages.get("info.version"), env.version());
            out.printf("%-12s %s%n", Messages.get("info.os"), env.os());
            out.printf("%-12s %s%n", Messages.get("info.java"), env.java());
            out.printf("%-12s %s%n", Messages.get("info.sandboxDir"), env.sandboxDir());
            out.printf("%-12s %s%n", Messages.get("info.dataDir"), env.dataDir());
            if (logFile != null) {
                out.printf("%-12s %s%n", Messages.get("about.logFile"), logFile);
            }
        }
        return Cli.OK;
    }
}
