package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VsockTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy rules and their undo steps, over an in-memory store that can fail part-way. */
class PoliciesTest {

    static final Guid VM1 = Guid.parse("11111111-1111-4111-8111-111111111111");
    static final Guid VM2 = Guid.parse("22222222-2222-4222-8222-222222222222");
    static final Guid VM3 = Guid.parse("33333333-3333-4333-8333-333333333333");
    static final Guid ECHO = VsockTemplate.guidForPort(7);
    static final Guid SINK = VsockTemplate.guidForPort(9);

    @TempDir
    Path tmp;

    MemoryStore store;
    JsonServiceStore services;
    UndoJournal journal;
    Policies policies;
    Registrations registrations;

    /** Policies in memory; {@code failAfter} writes succeed, then every write fails. */
    static final class MemoryStore implements PolicyStore {
        final Map<Guid, Map<Guid, ServicePolicy>> vms = new LinkedHashMap<>();
        final Map<Guid, Boolean> reportedForVm1 = new LinkedHashMap<>();
        int failAfter = Integer.MAX_VALUE;
        int writes;

        MemoryStore() {
            vms.put(VM1, new LinkedHashMap<>());
            vms.put(VM2, new LinkedHashMap<>());
            vms.put(VM3, new LinkedHashMap<>());
        }

        @Override
        public Snapshot read() {
            List<VmSettings> out = new ArrayList<>();
            vms.forEach((id, p) -> out.add(settings(id)));
            return new Snapshot(out, null);
        }

        private VmSettings settings(Guid id) {
            return new VmSettings(id, "vm-" + id.toString().charAt(0), id.equals(VM3) ? ServicePolicy.DISABLED : ServicePolicy.ENABLED,
                    vms.get(id), id.equals(VM1) ? reportedForVm1 : Map.of());
        }

        @Override
        public Snapshot read(Guid vmId) {
            if (!vms.containsKey(vmId)) {
                throw new InvalidInputException(Problem.of("vms.error.unknownId", vmId));
            }
            return new Snapshot(List.of(settings(vmId)), null);
        }

        @Override
        public void write(List<Setting> settings) {
            for (Setting s : settings) {
                if (writes++ >= failAfter) {
                    throw new OperationFailedException(Problem.of("error.policy.jobFailed", "the VM is busy"));
                }
                if (s.policy() == ServicePolicy.DEFERRED) {
                    vms.get(s.vmId()).remove(s.serviceId());
                } else {
                    vms.get(s.vmId()).put(s.serviceId(), s.policy());
                }
            }
        }

        @Override
        public String journalKey() {
            return "policy:memory";
        }

        @Override
        public Optional<Path> lockFile() {
            return Optional.empty();
        }

        @Override
        public String location() {
            return "memory";
        }
    }

    @BeforeEach
    void setUp() {
        store = new MemoryStore();
        services = JsonServiceStore.sandbox(tmp.resolve("sb"), Clock.systemUTC());
        journal = new UndoJournal(tmp.resolve("data"));
        policies = new Policies(store, services, journal, Clock.systemUTC());
        registrations = new Registrations(services, journal, "hvx test", Clock.systemUTC(), policies);
    }

    @Test
    void rowsCoverEveryRegisteredServiceAndDeriveWhatIsOnFromThePolicyAndTheDefault() {
        store.vms.get(VM1).put(SINK, ServicePolicy.DISABLED);
        store.reportedForVm1.put(ECHO, false);
        ServicePolicies.Table t = policies.table();
        assertThat(t.vms()).extracting(v -> v.id()).containsExactly(VM1, VM2, VM3);
        int registered = services.read().size();
        assertThat(t.ofVm(VM2)).hasSize(registered);
        assertThat(t.ofService(ECHO)).hasSize(3);
        ServicePolicies.Row reported = t.find(VM1, ECHO).orElseThrow();
        assertThat(reported.policy()).isEqualTo(ServicePolicy.DEFERRED);
        assertThat(reported.effective()).isEqualTo(ServicePolicies.Effective.DISABLED);
        assertThat(reported.reported()).isTrue();
        assertThat(t.find(VM1, SINK).orElseThrow().effective()).isEqualTo(ServicePolicies.Effective.DISABLED);
        assertThat(t.find(VM2, ECHO).orElseThrow().effective()).isEqualTo(ServicePolicies.Effective.ENABLED);
        assertThat(t.find(VM3, ECHO).orElseThrow().effective()).as("VM3's default is disabled")
                .isEqualTo(ServicePolicies.Effective.DISABLED);
        assertThat(t.find(VM2, ECHO).orElseThrow().serviceName()).isEqualTo("Demo echo");
    }

    @Test
    void aServiceTheStoreKnowsButTheRegistryDoesNotIsListedAsNotRegisteredAndCannotBeChanged() {
        Guid stale = Guid.parse("abababab-abab-4bab-8bab-abababababab");
        store.vms.get(VM2).put(stale, ServicePolicy.ENABLED);
        ServicePolicies.Row r = policies.of(VM2).find(VM2, stale).orElseThrow();
        assertThat(r.registered()).isFalse();
        assertThat(r.serviceLabel()).isEqualTo(stale.toString());
        assertThatThrownBy(() -> policies.set(VM2, stale, ServicePolicy.DISABLED))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("error.policy.notRegistered"));
        assertThat(store.writes).isZero();
        assertThat(journal.newestSeq(policies.journalKey())).isEmpty();
    }

    @Test
    void aChangeThatChangesNothingWritesNothingAndRecordsNoStep() {
        ServicePolicies.Result r = policies.set(VM1, ECHO, ServicePolicy.DEFERRED);
        assertThat(r.changed()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(store.writes).isZero();
        assertThat(registrations.lastChange()).isEmpty();
    }

    @Test
    void setOnAllVmsIsOneStepAndUndoRestoresEachVmsOwnPolicy() {
        store.vms.get(VM2).put(ECHO, ServicePolicy.ENABLED);
        ServicePolicies.Result r = policies.setOnAllVms(ECHO, ServicePolicy.DISABLED);
        assertThat(r.changed()).extracting(ServicePolicies.Row::vmId).containsExactly(VM1, VM2, VM3);
        assertThat(r.changed()).allMatch(x -> x.effective() == ServicePolicies.Effective.DISABLED && !x.reported());
        assertThat(registrations.lastChange().orElseThrow().action()).isEqualTo("policy");

        assertThat(registrations.undo().ids()).containsExactly(ECHO);
        assertThat(store.vms.get(VM1)).doesNotContainKey(ECHO);
        assertThat(store.vms.get(VM2)).containsEntry(ECHO, ServicePolicy.ENABLED);
        assertThat(store.vms.get(VM3)).doesNotContainKey(ECHO);
        assertThat(registrations.lastChange()).isEmpty();
    }

    @Test
    void undoTakesWhicheverIsNewerARegistrationOrAPolicyChange() {
        registrations.add(VsockTemplate.guidForPort(5000), "Agent");
        policies.set(VM1, ECHO, ServicePolicy.DISABLED);
        registrations.rename(VsockTemplate.guidForPort(5000), "Agent 2", false);
        policies.set(VM2, SINK, ServicePolicy.ENABLED);

        assertThat(registrations.undo().action()).isEqualTo("policy");
        assertThat(store.vms.get(VM2)).doesNotContainKey(SINK);
        assertThat(registrations.undo().action()).isEqualTo("rename");
        assertThat(registrations.lastChange().orElseThrow().action()).isEqualTo("policy");
        assertThat(registrations.undo().action()).isEqualTo("policy");
        assertThat(store.vms.get(VM1)).doesNotContainKey(ECHO);
        assertThat(registrations.undo().action()).isEqualTo("add");
        assertThatThrownBy(registrations::undo).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void undoRefusesWhenThePolicyWasChangedSinceAndDropsTheStep() {
        policies.set(VM1, ECHO, ServicePolicy.DISABLED);
        policies.set(VM1, SINK, ServicePolicy.DISABLED);
        store.vms.get(VM1).put(SINK, ServicePolicy.ENABLED); // Hyper-V Manager, say
        assertThatThrownBy(policies::undo).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("error.policy.undo.changed"));
        assertThat(store.vms.get(VM1)).containsEntry(SINK, ServicePolicy.ENABLED);
        // the step before it is reachable again
        policies.undo();
        assertThat(store.vms.get(VM1)).doesNotContainKey(ECHO);
    }

    @Test
    void aWriteFailingPartWayLeavesAStepThatRecordsWhatReallyChangedSoUndoRevertsExactlyThat() {
        store.failAfter = 1;
        assertThatThrownBy(() -> policies.setOnAllVms(ECHO, ServicePolicy.DISABLED))
                .isInstanceOf(OperationFailedException.class);
        assertThat(store.vms.get(VM1)).containsEntry(ECHO, ServicePolicy.DISABLED);
        assertThat(store.vms.get(VM2)).doesNotContainKey(ECHO);
        UndoJournal.PolicyChange step = journal.newestPolicy(policies.journalKey()).orElseThrow().change();
        assertThat(step.after()).extracting(UndoJournal.PolicyState::policy).containsExactly("disabled", "deferred", "deferred");

        store.failAfter = Integer.MAX_VALUE;
        policies.undo();
        assertThat(store.vms.get(VM1)).doesNotContainKey(ECHO);
    }

    @Test
    void aWriteThatChangedNothingBeforeFailingLeavesNoStep() {
        store.failAfter = 0;
        assertThatThrownBy(() -> policies.set(VM2, ECHO, ServicePolicy.ENABLED)).isInstanceOf(OperationFailedException.class);
        assertThat(journal.newestSeq(policies.journalKey())).isEmpty();
        assertThat(registrations.lastChange()).isEmpty();
    }

    @Test
    void anUnknownVmIsRefusedBeforeAnythingIsWritten() {
        Guid nobody = Guid.random();
        assertThatThrownBy(() -> policies.set(nobody, ECHO, ServicePolicy.DISABLED)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> policies.of(nobody)).isInstanceOf(InvalidInputException.class);
        assertThat(store.writes).isZero();
    }
}
