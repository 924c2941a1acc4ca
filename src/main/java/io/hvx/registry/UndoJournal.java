package io.hvx.registry;

import com.google.gson.JsonElement;
import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicy;
import io.hvx.files.AtomicFiles;
import io.hvx.files.FileLocks;
import io.hvx.files.JsonStoreFile;
import io.hvx.files.RefusedFileException;
import io.hvx.files.SafeFiles;
import io.hvx.files.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The undo journal: before each change the previous state of every touched entry (and the state
 * right after) is recorded in {@code <dataDir>/services-undo/}, one file per step
 * ({@code <sequence>-<store hash>.json}), so a change can be reverted even after the app was
 * closed. Entries of several stores (sandbox, registry) live side by side, told apart by the
 * store's journal key. Per-VM service policies ({@link Policies}) record their changes here too,
 * under their own store key, as steps with action {@code policy} whose {@code before} and
 * {@code after} list {@code {"vm","service","policy"}} triples; steps share one numbering, so
 * the newest change of two stores can be told apart.
 *
 * <p>One file per step keeps every operation proportional to the step it touches: recording an
 * add does not rewrite a large import recorded before it. The journal is bounded: beyond
 * {@link #MAX_STEPS} steps or {@link #MAX_BYTES} in all, the oldest steps are dropped (the newest
 * is always kept). A step file that cannot be read is put aside as {@code .broken} and reported
 * as a damaged journal; the steps before it stay usable. A journal of an earlier hvx
 * ({@code services-undo.json}) is taken over on first use, or put aside when it is damaged.
 *
 * <p>Operations lock the journal ({@code .lock} in its directory); callers that check a store
 * and then change it hold the store's lock around the whole sequence.
 */
public final class UndoJournal {

    /** Oldest steps are dropped beyond this many (all stores together). */
    public static final int MAX_STEPS = 100;
    /** Oldest steps are dropped while the journal is larger than this. */
    public static final long MAX_BYTES = 64L << 20;
    /** Largest single step read back (an import of the largest accepted file). */
    static final long STEP_READ_LIMIT = 256L << 20;
    static final String DIR = "services-undo";
    static final String LEGACY = "services-undo.json";
    /** New steps are numbered from here, so a taken-over journal fits below them. */
    private static final long FIRST_SEQ = 1000;
    private static final Pattern STEP = Pattern.compile("(\\d{10})-([0-9a-f]{8})\\.json");
    private static final Set<String> ACTIONS = Set.of("add", "rename", "remove", "import");
    /** The action of every step of a policy store. */
    static final String POLICY_ACTION = "policy";

    private final Path dataDir;
    private final Path dir;
    private final int maxSteps;
    private final long maxBytes;

    public UndoJournal(Path dataDir) {
        this(dataDir, MAX_STEPS, MAX_BYTES);
    }

    /** A journal with other bounds (tests). */
    UndoJournal(Path dataDir, int maxSteps, long maxBytes) {
        this.dataDir = dataDir.toAbsolutePath();
        this.dir = this.dataDir.resolve(DIR);
        this.maxSteps = maxSteps;
        this.maxBytes = maxBytes;
    }

    /** The journal's directory. */
    public Path dir() {
        return dir;
    }

    /**
     * The state of one entry before (or after) a change.
     *
     * @param id        the service
     * @param present   whether it existed
     * @param name      its ElementName then
     * @param createdBy its CreatedBy then
     * @param createdAt its CreatedAt then
     */
    public record Before(String id, boolean present, String name, String createdBy, String createdAt) {
        static Before of(Guid id, StoredEntry e) {
            return e == null ? new Before(id.toString(), false, null, null, null)
                    : new Before(id.toString(), true, e.name(), e.createdBy(), e.createdAt());
        }

        Guid guid() {
            return Guid.parse(id);
        }

        StoredEntry entry() {
            return present ? new StoredEntry(guid(), name, createdBy, createdAt) : null;
        }
    }

    /**
     * One recorded change.
     *
     * @param before the touched entries before the change
     * @param after  the same entries right after it, so undo can tell when someone changed them
     *               since (null in journals written before this was recorded)
     */
    public record Change(String store, String action, String at, List<Before> before, List<Before> after) {
        Change withAfter(List<Before> newAfter) {
            return new Change(store, action, at, before, newAfter);
        }
    }

    /** A change and its place in the journal. */
    public record Step(long seq, Change change) {
    }

    /**
     * The policy of one service for one VM before (or after) a policy change.
     *
     * @param vm      the VM's ID
     * @param service the service's ID
     * @param policy  {@code enabled}, {@code disabled} or {@code deferred}
     */
    public record PolicyState(String vm, String service, String policy) {
    }

    /**
     * One recorded per-VM policy change (action {@code policy}): the touched (VM, service) pairs
     * before the change and right after it, in the same order.
     */
    public record PolicyChange(String store, String at, List<PolicyState> before, List<PolicyState> after) {
        PolicyChange withAfter(List<PolicyState> newAfter) {
            return new PolicyChange(store, at, before, newAfter);
        }
    }

    /** A policy change and its place in the journal. */
    public record PolicyStep(long seq, PolicyChange change) {
    }

    /** A policy step file; field names are the file format. */
    record PolicyStepFile(int version, String store, String action, String at, List<PolicyState> before,
                          List<PolicyState> after) {
    }

    /** A step file; field names are the file format. */
    record StepFile(int version, String store, String action, String at, List<Before> before, List<Before> after) {
    }

    /** The single-file journal of earlier versions. */
    record LegacyFile(int version, List<Change> changes) {
    }

    /** The lock file that serializes writers of a store that has no file of its own (the registry). */
    Path storeLockFile(String storeKey) {
        return dir.resolve(".store-" + hash(storeKey) + ".lock");
    }

    /**
     * Records {@code change} as the newest step; called before the change is made.
     *
     * @return the step's sequence number, for {@link #remove} and {@link #replace}
     */
    public long push(Change change) {
        return pushStep(change.store(), stepFile(change));
    }

    /** Records a policy change as the newest step (see {@link #push(Change)}). */
    public long push(PolicyChange change) {
        return pushStep(change.store(), stepFile(change));
    }

    private long pushStep(String store, Object stepFile) {
        try (FileLocks.Held l = lock()) {
            List<StepName> all = list();
            long seq = Math.max(FIRST_SEQ, all.isEmpty() ? 0 : all.getLast().seq() + 1);
            writeStep(seq, store, stepFile);
            prune(seq);
            return seq;
        }
    }

    private static StepFile stepFile(Change c) {
        return new StepFile(1, c.store(), c.action(), c.at(), c.before(), c.after());
    }

    private static PolicyStepFile stepFile(PolicyChange c) {
        return new PolicyStepFile(1, c.store(), POLICY_ACTION, c.at(), c.before(), c.after());
    }

    /**
     * The sequence number of the newest step recorded for {@code store}, without reading it: lets
     * callers tell which of two stores sharing the journal changed last.
     */
    public OptionalLong newestSeq(String store) {
        if (!Files.isDirectory(dir)) {
            return OptionalLong.empty();
        }
        try (FileLocks.Held l = lock()) {
            return newestName(store).map(n -> OptionalLong.of(n.seq())).orElse(OptionalLong.empty());
        }
    }

    /**
     * The newest policy step recorded for {@code store} (a store whose steps are all policy
     * changes).
     *
     * @throws OperationFailedException when that step is damaged: it is put aside first
     */
    public Optional<PolicyStep> newestPolicy(String store) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (FileLocks.Held l = lock()) {
            return newestName(store).map(n -> new PolicyStep(n.seq(), readPolicy(n, store)));
        }
    }

    /** Replaces what policy step {@code seq} records (after a change that was only partly made). */
    public void replace(long seq, PolicyChange change) {
        try (FileLocks.Held l = lock()) {
            writeStep(seq, change.store(), stepFile(change));
        }
    }

    /** The newest step file of {@code store}; call holding the journal's lock. */
    private Optional<StepName> newestName(String store) {
        String h = hash(store);
        List<StepName> mine = list().stream().filter(n -> n.hash().equals(h)).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.getLast());
    }

    /** The newest change recorded for {@code store} (see {@link #newest}). */
    public Optional<Change> peek(String store) {
        return newest(store).map(Step::change);
    }

    /**
     * The newest step recorded for {@code store}.
     *
     * @throws OperationFailedException when that step is damaged: it is put aside first, so the
     *                                  next call returns the step before it
     */
    public Optional<Step> newest(String store) {
        if (!Files.isDirectory(dir) && !Files.exists(dataDir.resolve(LEGACY), LinkOption.NOFOLLOW_LINKS)) {
            // nothing recorded yet: no need to create the journal (the data directory may be read-only)
            return Optional.empty();
        }
        try (FileLocks.Held l = lock()) {
            takeOverLegacy();
            return newestName(store).map(n -> new Step(n.seq(), read(n, store)));
        }
    }

    /** Drops the step {@code seq} (after it was undone, or when the change it recorded failed). */
    public void remove(long seq) {
        try (FileLocks.Held l = lock()) {
            for (StepName n : list()) {
                if (n.seq() == seq) {
                    Files.deleteIfExists(n.file());
                }
            }
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** Replaces what step {@code seq} records (after a change that was only partly made). */
    public void replace(long seq, Change change) {
        try (FileLocks.Held l = lock()) {
            write(seq, change);
        }
    }

    private FileLocks.Held lock() {
        return FileLocks.lock(dir.resolve(".lock"), dir);
    }

    private record StepName(long seq, String hash, Path file, long size) {
    }

    /** Every step file, oldest first. */
    private List<StepName> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StepName> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Matcher m = STEP.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long size = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
                    out.add(new StepName(Long.parseLong(m.group(1)), m.group(2), p, size));
                }
            }
        } catch (NoSuchFileException e) {
            // no journal yet: nothing to undo
            return List.of();
        } catch (IOException e) {
            throw io(e);
        }
        out.sort(Comparator.comparingLong(StepName::seq));
        return out;
    }

    private void write(long seq, Change c) {
        writeStep(seq, c.store(), stepFile(c));
    }

    private void writeStep(long seq, String store, Object stepFile) {
        Path file = dir.resolve(String.format("%010d-%s.json", seq, hash(store)));
        try {
            AtomicFiles.write(file, StrictJson.compact(stepFile));
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** Drops the oldest steps beyond the bounds, never the one just written. */
    private void prune(long keep) {
        List<StepName> all = new ArrayList<>(list());
        long total = all.stream().mapToLong(StepName::size).sum();
        while (!all.isEmpty() && (all.size() > maxSteps || total > maxBytes) && all.getFirst().seq() != keep) {
            StepName oldest = all.removeFirst();
            total -= oldest.size();
            try {
                Files.deleteIfExists(oldest.file());
            } catch (IOException e) {
                throw io(e);
            }
        }
    }

    private Change read(StepName n, String store) {
        Problem why;
        try {
            JsonElement root = StrictJson.parse(SafeFiles.read(n.file(), STEP_READ_LIMIT));
            JsonStoreFile.checkVersion(root, 1);
            StepFile f = StrictJson.map(root, StepFile.class, false);
            Change c = new Change(f.store(), f.action(), f.at(), f.before(), f.after());
            validate(c, "$");
            if (!store.equals(c.store())) {
                throw new StrictJson.Refused(Problem.of("journal.problem.otherStore", String.valueOf(c.store())));
            }
            return c;
        } catch (RefusedFileException e) {
            why = e.problem();
        } catch (StrictJson.Refused e) {
            why = e.problem();
        } catch (IOException e) {
            throw io(e);
        }
        throw damaged(n.file(), why);
    }

    private PolicyChange readPolicy(StepName n, String store) {
        Problem why;
        try {
            JsonElement root = StrictJson.parse(SafeFiles.read(n.file(), STEP_READ_LIMIT));
            JsonStoreFile.checkVersion(root, 1);
            PolicyStepFile f = StrictJson.map(root, PolicyStepFile.class, false);
            if (f.store() == null || f.at() == null || f.before() == null || f.after() == null) {
                throw missing("$." + (f.store() == null ? "store" : f.at() == null ? "at" : f.before() == null ? "before" : "after"));
            }
            if (!POLICY_ACTION.equals(f.action())) {
                throw new StrictJson.Refused(Problem.of("journal.problem.action", "$.action", String.valueOf(f.action())));
            }
            if (!store.equals(f.store())) {
                throw new StrictJson.Refused(Problem.of("journal.problem.otherStore", f.store()));
            }
            checkPolicies(f.before(), "$.before");
            checkPolicies(f.after(), "$.after");
            boolean same = f.before().size() == f.after().size();
            for (int i = 0; same && i < f.before().size(); i++) {
                same = f.before().get(i).vm().equalsIgnoreCase(f.after().get(i).vm())
                        && f.before().get(i).service().equalsIgnoreCase(f.after().get(i).service());
            }
            if (!same) {
                throw new StrictJson.Refused(Problem.of("journal.problem.afterMismatch", "$.after"));
            }
            return new PolicyChange(f.store(), f.at(), f.before(), f.after());
        } catch (RefusedFileException e) {
            why = e.problem();
        } catch (StrictJson.Refused e) {
            why = e.problem();
        } catch (IOException e) {
            throw io(e);
        }
        throw damaged(n.file(), why);
    }

    private static void checkPolicies(List<PolicyState> states, String path) throws StrictJson.Refused {
        for (int i = 0; i < states.size(); i++) {
            PolicyState p = states.get(i);
            String at = path + "[" + i + "]";
            if (Guid.tryParse(p.vm()) == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.notGuid", at + ".vm", String.valueOf(p.vm())));
            }
            if (Guid.tryParse(p.service()) == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.notGuid", at + ".service", String.valueOf(p.service())));
            }
            if (ServicePolicy.byId(p.policy()).isEmpty()) {
                throw new StrictJson.Refused(Problem.of("store.problem.value", at + ".policy", String.valueOf(p.policy()),
                        "enabled, disabled, deferred"));
            }
        }
    }

    /** Refuses a change undo could not revert safely. */
    private static void validate(Change c, String path) throws StrictJson.Refused {
        if (c.store() == null) {
            throw missing(path + ".store");
        }
        if (c.action() == null || !ACTIONS.contains(c.action())) {
            throw new StrictJson.Refused(Problem.of("journal.problem.action", path + ".action", String.valueOf(c.action())));
        }
        if (c.at() == null) {
            throw missing(path + ".at");
        }
        if (c.before() == null) {
            throw missing(path + ".before");
        }
        checkIds(c.before(), path + ".before");
        if (c.after() != null) {
            checkIds(c.after(), path + ".after");
            boolean same = c.after().size() == c.before().size();
            for (int i = 0; same && i < c.before().size(); i++) {
                same = c.before().get(i).guid().equals(c.after().get(i).guid());
            }
            if (!same) {
                throw new StrictJson.Refused(Problem.of("journal.problem.afterMismatch", path + ".after"));
            }
        }
    }

    private static void checkIds(List<Before> states, String path) throws StrictJson.Refused {
        for (int i = 0; i < states.size(); i++) {
            if (Guid.tryParse(states.get(i).id()) == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.notGuid", path + "[" + i + "].id",
                        String.valueOf(states.get(i).id())));
            }
        }
    }

    private static StrictJson.Refused missing(String path) {
        return new StrictJson.Refused(Problem.of("store.problem.missing", path));
    }

    /**
     * Takes over the single-file journal of an earlier hvx: its changes become the oldest steps
     * (idempotent, so an interrupted take-over is simply repeated) and the file is renamed
     * {@code .migrated}. A damaged one is put aside and reported.
     */
    private void takeOverLegacy() {
        Path legacy = dataDir.resolve(LEGACY);
        if (!Files.exists(legacy, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Problem why;
        try {
            JsonElement root = StrictJson.parse(SafeFiles.read(legacy, STEP_READ_LIMIT));
            JsonStoreFile.checkVersion(root, 1);
            LegacyFile f = StrictJson.map(root, LegacyFile.class, false);
            if (f.changes() == null) {
                throw missing("$.changes");
            }
            for (int i = 0; i < f.changes().size(); i++) {
                validate(f.changes().get(i), "$.changes[" + i + "]");
            }
            for (int i = 0; i < f.changes().size(); i++) {
                write(i + 1, f.changes().get(i));
            }
            Files.move(legacy, legacy.resolveSibling(LEGACY + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
            return;
        } catch (NoSuchFileException e) {
            // no old single-file journal to take over
            return;
        } catch (RefusedFileException e) {
            why = e.problem();
        } catch (StrictJson.Refused e) {
            why = e.problem();
        } catch (IOException e) {
            throw io(e);
        }
        throw damaged(legacy, why);
    }

    /** Moves a damaged journal file out of the way (kept whole) and builds the error. */
    private OperationFailedException damaged(Path file, Problem why) {
        Path aside = file.resolveSibling(file.getFileName() + ".broken");
        for (int i = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); i++) {
            aside = file.resolveSibling(file.getFileName() + ".broken." + i);
        }
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            return new OperationFailedException(Problem.of("error.services.journal.damagedStuck", file, why),
                    e.toString(), e);
        }
        return new OperationFailedException(Problem.of("error.services.journal.damaged", file, why, aside));
    }

    private OperationFailedException io(IOException e) {
        return new OperationFailedException(Problem.of("error.services.journal.io", dir), e.toString(), e);
    }

    private static String hash(String storeKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(storeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
