package io.hvx.core.doctor;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.HostChecks;
import io.hvx.core.HvxException;
import io.hvx.core.IntegrationService;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.NameResolver;
import io.hvx.core.Problem;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.StreamConnection;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.core.VsockTemplate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The standard checks of the {@link Doctor}, in the order it runs them. */
final class Checks {

    private Checks() {
    }

    private static Mode mode(DoctorContext ctx) {
        return ctx.ports().environment().mode();
    }

    /** A PowerShell single-quoted string. */
    static String psQuote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Whether a socket of this mode's family can be created at all. */
    static final class SocketProvider implements DoctorCheck {
        @Override
        public String id() {
            return "socketProvider";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.socketProvider");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            Optional<HostChecks> host = ctx.ports().host();
            if (host.isEmpty()) {
                return CheckResult.unknown(this, Problem.of("doctor.notChecked"));
            }
            HostChecks.Probe p = host.get().socketProvider();
            if (p.ok()) {
                return CheckResult.pass(this, Problem.of("doctor.provider.pass")).withDetail(p.detail());
            }
            CheckResult r = CheckResult.fail(this, Problem.of(switch (mode(ctx)) {
                case WINDOWS -> "doctor.provider.fail.windows";
                case LINUX_GUEST -> "doctor.provider.fail.guest";
                case SANDBOX -> "doctor.provider.fail.sandbox";
            }, p.detail())).withDetail(p.detail());
            return switch (mode(ctx)) {
                case WINDOWS -> r.withFix(Fix.command(Problem.of("doctor.fix.catalog"), "netsh winsock show catalog"));
                case LINUX_GUEST -> r.withFix(Fix.command(Problem.of("doctor.fix.hvSock"), "sudo modprobe hv_sock"));
                case SANDBOX -> r;
            };
        }
    }

    /** Elevation and Hyper-V Administrators on Windows; the endpoint directory in the sandbox. */
    static final class Rights implements DoctorCheck {
        @Override
        public String id() {
            return "rights";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.rights");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            Optional<HostChecks> host = ctx.ports().host();
            if (host.isEmpty()) {
                return CheckResult.unknown(this, Problem.of("doctor.notChecked"));
            }
            return switch (host.get().rights()) {
                case HostChecks.Rights.Windows w when w.elevated() -> CheckResult.pass(this, Problem.of("doctor.rights.elevated"));
                case HostChecks.Rights.Windows w when w.hyperVAdministrator().orElse(false) ->
                        CheckResult.pass(this, Problem.of("doctor.rights.hyperVAdmins"));
                case HostChecks.Rights.Windows w when w.hyperVAdministrator().isEmpty() ->
                        CheckResult.unknown(this, Problem.of("doctor.rights.membershipUnknown"))
                                .withFix(Fix.restartElevated(Problem.of("doctor.fix.elevate")));
                case HostChecks.Rights.Windows w -> CheckResult.unknown(this, Problem.of("doctor.rights.none"))
                        .withFix(Fix.restartElevated(Problem.of("doctor.fix.elevateOrGroup")));
                case HostChecks.Rights.Sandbox s when s.usable() -> CheckResult.pass(this, Problem.of("doctor.rights.sandbox", s.dir()));
                case HostChecks.Rights.Sandbox s -> CheckResult.fail(this, Problem.of("doctor.rights.sandboxDenied", s.dir()))
                        .withFix(Fix.advice(Problem.of("doctor.fix.sandboxDir", s.dir())));
                case HostChecks.Rights.Guest g -> CheckResult.pass(this, Problem.of("doctor.rights.guest"));
            };
        }
    }

    /** The VM exists and runs (or what an alias means for a connection). */
    static final class Vm implements DoctorCheck {
        @Override
        public String id() {
            return "vm";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.vm");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            VmChoice choice = ctx.vmChoice();
            boolean alias = choice.alias() != null || choice.isTyped() && VmAlias.byName(choice.label()).isPresent();
            VmInventory.Listing listing = null;
            HvxException listFailure = null;
            if (!alias) {
                try {
                    listing = ctx.ports().vms().listing();
                } catch (HvxException e) {
                    listFailure = e;
                }
            }
            VmInventory.Listing known = listing;
            HvxException failed = listFailure;
            // the one resolver, over the list read once here (PowerShell is not asked twice)
            NameResolver names = new NameResolver(() -> {
                if (failed != null) {
                    throw failed;
                }
                return known.vms();
            }, ctx.ports().services());
            NameResolver.Named vm;
            try {
                vm = names.vm(choice);
            } catch (InvalidInputException e) {
                CheckResult r = CheckResult.fail(this, e.problem());
                if (known != null && known.note() != null) {
                    r = r.withHint(known.note());
                }
                return mode(ctx) == Mode.WINDOWS ? r.withHint(Problem.of("doctor.hint.wsl")) : r;
            } catch (HvxException e) {
                return CheckResult.unknown(this, Problem.of("doctor.vm.listFailed", e.getMessage())).withDetail(e.detail());
            }
            Optional<VmAlias> a = VmAlias.byGuid(vm.id());
            if (a.isPresent()) {
                ctx.foundVm(vm, null, a.get() == VmAlias.LOOPBACK);
                return aliasResult(ctx, a.get());
            }
            if (failed != null) {
                ctx.foundVm(vm, null, false);
                return CheckResult.unknown(this, Problem.of("doctor.vm.listFailed", failed.getMessage())).withDetail(failed.detail());
            }
            Optional<VirtualMachine> entry = known.vms().stream().filter(v -> v.id().equals(vm.id())).findFirst();
            ctx.foundVm(vm, entry.orElse(null), false);
            if (entry.isEmpty()) {
                return switch (mode(ctx)) {
                    case SANDBOX -> CheckResult.fail(this, Problem.of("doctor.vm.notInSandbox", vm.id()))
                            .withFix(Fix.command(Problem.of("doctor.fix.listVms"), "hvx sandbox vm list"));
                    case WINDOWS -> {
                        CheckResult r = CheckResult.unknown(this, Problem.of("doctor.vm.notListed", vm.id()))
                                .withHint(Problem.of("doctor.hint.wsl"));
                        yield known.note() != null ? r.withHint(known.note()) : r;
                    }
                    case LINUX_GUEST -> CheckResult.fail(this, Problem.of("doctor.vm.guestReachesHost", vm.id()));
                };
            }
            VirtualMachine v = entry.get();
            if (v.isRunning()) {
                return CheckResult.pass(this, Problem.of("doctor.vm.running", v.name(), v.id()));
            }
            CheckResult off = CheckResult.fail(this, Problem.of("doctor.vm.notRunning", v.name(), v.state()));
            return switch (mode(ctx)) {
                case SANDBOX -> off.withFix(Fix.command(Problem.of("doctor.fix.startVm", v.name()),
                        "hvx sandbox vm state " + v.id() + " running"));
                case WINDOWS -> off.withFix(Fix.command(Problem.of("doctor.fix.startVm", v.name()),
                        "Start-VM -Name " + psQuote(v.name())));
                case LINUX_GUEST -> off;
            };
        }

        private CheckResult aliasResult(DoctorContext ctx, VmAlias alias) {
            return switch (alias) {
                case LOOPBACK -> CheckResult.pass(this, Problem.of("doctor.vm.loopback"));
                case PARENT -> mode(ctx) == Mode.LINUX_GUEST ? CheckResult.pass(this, Problem.of("doctor.vm.parentGuest"))
                        : CheckResult.unknown(this, Problem.of("doctor.vm.parentHost"));
                case WILDCARD, CHILDREN, BROADCAST -> CheckResult.fail(this, Problem.of("doctor.vm.listenerOnly", alias.alias()));
                case SILOHOST -> CheckResult.unknown(this, Problem.of("doctor.vm.silohost"));
            };
        }
    }

    /** The service resolves and is registered (and whether this direction needs it, facts §1.10). */
    static final class Service implements DoctorCheck {
        @Override
        public String id() {
            return "service";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.service");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            ServiceChoice choice = ctx.serviceChoice();
            NameResolver.Named service;
            try {
                service = ctx.ports().names().service(choice);
            } catch (HvxException e) {
                return CheckResult.fail(this, e.problem()).withDetail(e.detail());
            }
            ctx.foundService(service);
            Guid id = service.id();
            OptionalLong port = VsockTemplate.portOf(id);
            if (mode(ctx) == Mode.LINUX_GUEST) {
                return port.isPresent() ? CheckResult.unknown(this, Problem.of("doctor.service.onTheHost", service.name()))
                        : CheckResult.fail(this, Problem.of("doctor.service.guestNeedsTemplate", id));
            }
            List<ServiceRegistration> regs;
            try {
                regs = ctx.ports().services().list();
            } catch (HvxException e) {
                return CheckResult.unknown(this, Problem.of("doctor.service.readFailed", e.getMessage())).withDetail(e.detail());
            }
            Optional<ServiceRegistration> reg = regs.stream().filter(r -> r.id().equals(id)).findFirst();
            ctx.foundRegistration(reg.orElse(null), reg.isPresent());
            CheckResult r = reg.isPresent() ? registered(ctx, reg.get()) : notRegistered(ctx, service);
            if (port.isEmpty() && !ctx.hostSide() && r.status() != CheckStatus.FAIL) {
                r = r.withHint(Problem.of("doctor.hint.template", id));
            }
            return r;
        }

        private CheckResult registered(DoctorContext ctx, ServiceRegistration reg) {
            String name = reg.name() == null ? reg.id().toString() : reg.name();
            List<String> keys = ctx.ports().host().map(h -> h.registrationKeyNames(reg.id())).orElse(List.of());
            boolean braced = keys.stream().anyMatch(k -> k.contains("{"));
            boolean plain = keys.stream().anyMatch(k -> !k.contains("{"));
            String path = "HKLM:\\" + GuidFacts.REGISTRY_KEY + "\\";
            if (braced && !plain) {
                String key = keys.stream().filter(k -> k.contains("{")).findFirst().orElseThrow();
                return CheckResult.fail(this, Problem.of("doctor.service.braced", name, key))
                        .withFix(Fix.command(Problem.of("doctor.fix.unbrace"),
                                "Rename-Item -Path " + psQuote(path + key) + " -NewName " + psQuote(reg.id().toString())));
            }
            CheckResult ok = CheckResult.pass(this, Problem.of("doctor.service.registered", name, reg.id(),
                    Messages.get(reg.kind().labelKey())));
            if (braced) {
                String key = keys.stream().filter(k -> k.contains("{")).findFirst().orElseThrow();
                ok = ok.withHint(Problem.of("doctor.hint.bracedDuplicate", key))
                        .withFix(Fix.command(Problem.of("doctor.fix.removeBraced"),
                                "Remove-Item -Path " + psQuote(path + key) + " -Recurse"));
            }
            return ok;
        }

        private CheckResult notRegistered(DoctorContext ctx, NameResolver.Named service) {
            Guid id = service.id();
            OptionalLong port = VsockTemplate.portOf(id);
            String proposed = port.isPresent() ? "vsock " + port.getAsLong() : "Service " + id.toString().substring(0, 8);
            String command = port.isPresent()
                    ? "hvx services add --vsock-port " + port.getAsLong() + " --name \"" + proposed + "\""
                    : "hvx services add --id " + id + " --name \"" + proposed + "\"";
            Fix fix = Fix.register(id, proposed, Problem.of(mode(ctx) == Mode.WINDOWS ? "doctor.fix.registerElevated"
                    : "doctor.fix.register"), command);
            if (ctx.hostSide()) {
                return CheckResult.fail(this, Problem.of("doctor.service.notRegisteredHost", service.name())).withFix(fix);
            }
            return CheckResult.unknown(this, Problem.of("doctor.service.notRegistered", service.name())).withFix(fix);
        }
    }

    /** The Guest Service Interface of the VM, reported (facts §8.4: whether it matters is not confirmed). */
    static final class GuestServiceInterface implements DoctorCheck {
        @Override
        public String id() {
            return "guestServiceInterface";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.guestServiceInterface");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            if (mode(ctx) == Mode.LINUX_GUEST) {
                return CheckResult.unknown(this, Problem.of("doctor.gsi.notHere"));
            }
            Optional<VirtualMachine> vm = ctx.vmEntry();
            Optional<VmInventory.IntegrationServices> query = ctx.ports().vms().integrationServices();
            if (vm.isEmpty() || query.isEmpty()) {
                return CheckResult.unknown(this, Problem.of("doctor.gsi.noVm"));
            }
            List<IntegrationService> list;
            try {
                list = query.get().of(vm.get().id());
            } catch (HvxException e) {
                return CheckResult.unknown(this, Problem.of("doctor.gsi.failed", e.getMessage())).withDetail(e.detail());
            }
            Optional<IntegrationService> gsi = list.stream().filter(IntegrationService::isGuestServiceInterface).findFirst();
            if (gsi.isEmpty()) {
                return CheckResult.unknown(this, Problem.of("doctor.gsi.missing", vm.get().name()));
            }
            if (gsi.get().enabled()) {
                return CheckResult.pass(this, Problem.of("doctor.gsi.enabled", vm.get().name()));
            }
            CheckResult r = CheckResult.unknown(this, Problem.of("doctor.gsi.disabled", vm.get().name()));
            return mode(ctx) == Mode.WINDOWS
                    ? r.withFix(Fix.command(Problem.of("doctor.fix.enableGsi"), "Enable-VMIntegrationService -VMName "
                            + psQuote(vm.get().name()) + " -Name " + psQuote(IntegrationService.GUEST_SERVICE_INTERFACE)))
                    : r;
        }
    }

    /** A real connect with a timeout, and the error it maps to. */
    static final class Connect implements DoctorCheck {
        @Override
        public String id() {
            return "connect";
        }

        @Override
        public String titleKey() {
            return Messages.key("doctor.check.connect");
        }

        @Override
        public CheckResult run(DoctorContext ctx) {
            Optional<NameResolver.Target> target = ctx.target();
            if (target.isEmpty()) {
                return CheckResult.unknown(this, Problem.of("doctor.connect.skipped"));
            }
            long t0 = System.nanoTime();
            try (StreamConnection c = ctx.ports().connector().connect(target.get().endpoint(), ctx.timeout())) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return CheckResult.pass(this, Problem.of("doctor.connect.ok", target.get().describe(), ms))
                        .withDetail(c.peerAddress());
            } catch (HvxException e) {
                CheckResult r = CheckResult.fail(this, e.problem()).withDetail(e.detail());
                if (ctx.registered().equals(Optional.of(false))) {
                    r = r.withHint(Problem.of("doctor.hint.notRegistered"));
                }
                if (mode(ctx) == Mode.WINDOWS && e.problem().key().equals("net.winsock.timeout")) {
                    r = r.withHint(Problem.of("doctor.hint.wsl"));
                }
                return r;
            }
        }
    }
}
