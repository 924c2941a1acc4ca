package io.hvx.cli;

import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.TextSafety;
import io.hvx.core.VmChoice;
import io.hvx.core.doctor.CheckResult;
import io.hvx.core.doctor.Doctor;
import io.hvx.core.doctor.DoctorReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx doctor VM SERVICE}: why a (VM, service) pair cannot be reached, as ordered checks
 * with a sentence and a fix each. Exit 0 when no check failed, 1 otherwise.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class DoctorCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "VM", descriptionKey = "param.connect.vm")
    String vm;

    @Parameters(index = "1", paramLabel = "SERVICE", descriptionKey = "param.connect.service")
    String service;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public DoctorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var out = ctx.out();
        if (!json) {
            out.println(Messages.get("doctor.cli.head", TextSafety.escapeControls(vm), TextSafety.escapeControls(service)));
            out.flush();
        }
        DoctorReport report = new Doctor(ctx.backend()).run(VmChoice.typed(vm), ServiceChoice.typed(service),
                Doctor.DEFAULT_TIMEOUT, r -> {
                    if (!json) {
                        print(r);
                    }
                });
        if (json) {
            ctx.printJson(report.json());
        } else {
            out.println(report.firstFailure()
                    .map(f -> Messages.get("doctor.cli.firstFailure", f.title()))
                    .orElseGet(() -> Messages.get("doctor.cli.noFailure")));
            out.flush();
        }
        return report.ok() ? Cli.OK : Cli.FAILED;
    }

    private void print(CheckResult r) {
        var out = ctx.out();
        // VM and service names come from outside: their control characters are shown escaped
        out.printf("  %-10s %-24s %s%n", "[" + r.status().label() + "]", r.title(),
                TextSafety.escapeControls(r.message().message()));
        for (var h : r.hints()) {
            out.printf("  %-10s %-24s %s%n", "", "", TextSafety.escapeControls(h.message()));
        }
        r.fixIfAny().ifPresent(f -> out.printf("  %-10s %-24s %s%n", "", "", TextSafety.escapeControls(
                Messages.get("doctor.fix", f.sentence().message()) + (f.command() == null ? "" : ": " + f.command()))));
        out.flush();
    }
}
