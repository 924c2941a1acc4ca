package io.hvx.core;

import java.util.List;

/**
 * What importing a file would do, step by step, computed before anything is written so the
 * user can read it first ({@code --dry-run}, the GUI preview).
 *
 * @param steps one step per entry of the file, in file order
 */
public record ImportPlan(List<Step> steps) {

    public ImportPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One entry read from an import file.
     *
     * @param id        the service GUID
     * @param name      the friendly name (null for a deletion, or when the file gives none)
     * @param createdBy the {@code CreatedBy} value in the file, or null
     * @param createdAt the {@code CreatedAt} value in the file, or null
     * @param delete    true when the file asks to delete the key ({@code [-…]} in a .reg file)
     * @param line      line number in the file (1-based), or 0 when unknown
     */
    public record Entry(Guid id, String name, String createdBy, String createdAt, boolean delete, int line) {
    }

    /** What a step does. */
    public enum Action {
        ADD, UPDATE_NAME, UNCHANGED, DELETE, REFUSED;

        /** The lowercase id the CLI and JSON print. */
        public String id() {
            return switch (this) {
                case ADD -> "add";
                case UPDATE_NAME -> "update-name";
                case UNCHANGED -> "unchanged";
                case DELETE -> "delete";
                case REFUSED -> "refused";
            };
        }

        /** Message key of the label shown to users. */
        public String labelKey() {
            return switch (this) {
                case ADD -> Messages.key("services.plan.add");
                case UPDATE_NAME -> Messages.key("services.plan.update");
                case UNCHANGED -> Messages.key("services.plan.unchanged");
                case DELETE -> Messages.key("services.plan.delete");
                case REFUSED -> Messages.key("services.plan.refused");
            };
        }
    }

    /**
     * One step.
     *
     * @param action      what it does
     * @param entry       the file entry it comes from
     * @param currentName the name in the store now, or null
     * @param reason      why (always set for REFUSED; a short note otherwise)
     */
    public record Step(Action action, Entry entry, String currentName, Problem reason) {
    }

    /** Counts of what was applied. */
    public record Result(int added, int renamed, int deleted, int unchanged, int refused) {
    }

    /** Steps that change something. */
    public List<Step> changes() {
        return steps.stream().filter(s -> s.action == Action.ADD || s.action == Action.UPDATE_NAME
                || s.action == Action.DELETE).toList();
    }

    public long count(Action a) {
        return steps.stream().filter(s -> s.action == a).count();
    }

    /**
     * Why this plan cannot be applied: a refused row makes the whole import refused, so a file is
     * imported completely or not at all. Names the first refused row (its line, or its place in
     * the file), its service, the reason, and the option that would allow it when there is one.
     *
     * @return the sentence, or empty when no row is refused
     */
    public java.util.Optional<Problem> refusal() {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.action != Action.REFUSED) {
                continue;
            }
            Problem row = s.entry.line() > 0 ? Problem.of("services.import.row.line", String.valueOf(s.entry.line()))
                    : Problem.of("services.import.row.entry", String.valueOf(i + 1));
            String flag = s.reason == null ? null : switch (s.reason.key()) {
                case "services.plan.reason.deleteNotAllowed" -> "--allow-delete";
                case "services.plan.reason.other" -> "--force";
                default -> null;
            };
            Problem hint = flag == null ? Problem.of("services.import.refused.fix") : Problem.of("services.import.refused.flag", flag);
            return java.util.Optional.of(Problem.of("error.services.import.refused", String.valueOf(count(Action.REFUSED)),
                    row, s.entry.id(), s.reason == null ? "" : s.reason, hint));
        }
        return java.util.Optional.empty();
    }
}
