package io.hvx.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Every dialog a view model needs. View models ask through this interface and never build a
 * window or call back into their view, so each flow (ask, then run, then show the outcome) lives
 * in the view model and is tested without the toolkit. The app uses {@link FxDialogService}
 * (created once by the composition root); tests use {@code TestDialogs}, which answers from the
 * test and records what was asked.
 *
 * <p>Every method returns when the user has answered (on the FX thread the dialog runs a nested
 * event loop, as {@code showAndWait} does).
 *
 * <pre>{@code
 * public void remove() {
 *     ServiceRegistration r = selected.get();
 *     if (!dialogs.confirm(Confirmation.of(title, header, content))) {
 *         return;                                    // the user said no: nothing happens
 *     }
 *     tasks.run(() -> registry.remove(r.id(), false), this::removed, this::fail);
 * }
 * }</pre>
 */
public interface DialogService {

    /** Asks a yes/no question; true when the user agrees. */
    boolean confirm(Confirmation question);

    /** Asks for a line of text, checked as the user types; empty when cancelled. */
    Optional<String> askText(TextQuestion question);

    /** Asks the user to pick one of a list; empty when cancelled. */
    <T> Optional<T> askChoice(ChoiceQuestion<T> question);

    /**
     * Shows a form (its state is the toolkit-free {@code form}; its view is the one registered
     * with {@link FxDialogService#register}) and returns whether the user confirmed it while
     * {@link Form#okAllowed()} held.
     */
    boolean showForm(Form form);

    /** Asks for an existing file to read; empty when cancelled. */
    Optional<Path> chooseFileToOpen(FileQuestion question);

    /** Asks where to write a file; empty when cancelled. */
    Optional<ChosenFile> chooseFileToSave(FileQuestion question);

    /** Shows a failure in a dialog (for failures of a dialog's own action; views use a banner). */
    void showError(ErrorText error);

    /**
     * A yes/no question.
     *
     * @param warning false: OK / Cancel (a normal confirmation); true: Yes / No with a warning
     *                icon, for a second confirmation of something risky
     */
    record Confirmation(String title, String header, String content, boolean warning) {
        public static Confirmation of(String title, String header, String content) {
            return new Confirmation(title, header, content, false);
        }

        public static Confirmation warning(String title, String header, String content) {
            return new Confirmation(title, header, content, true);
        }
    }

    /**
     * A question answered with a line of text.
     *
     * @param problem what is wrong with a text (a sentence), or null when it is acceptable; OK
     *                is disabled while there is a problem
     */
    record TextQuestion(String title, String header, String okText, String initial,
                        UnaryOperator<String> problem) {
        public TextQuestion {
            initial = initial == null ? "" : initial;
            problem = problem == null ? text -> null : problem;
        }
    }

    /**
     * A question answered by picking one of {@code choices}.
     *
     * @param initial the choice selected at first (null: the first)
     * @param label   how a choice is shown
     */
    record ChoiceQuestion<T>(String title, String header, List<T> choices, T initial, Function<T, String> label) {
        public ChoiceQuestion {
            choices = List.copyOf(choices);
            label = label == null ? String::valueOf : label;
        }
    }

    /**
     * A kind of file offered in a file chooser.
     *
     * @param extensions without the dot ({@code "reg"}); {@code "*"} matches every file
     */
    record FileFilter(String description, List<String> extensions) {
        public FileFilter {
            extensions = List.copyOf(extensions);
        }

        public static FileFilter of(String description, String... extensions) {
            return new FileFilter(description, List.of(extensions));
        }
    }

    /**
     * What a file chooser asks for.
     *
     * @param initialName the name proposed when saving (null: none)
     */
    record FileQuestion(String title, List<FileFilter> filters, String initialName) {
        public FileQuestion {
            filters = List.copyOf(filters);
        }
    }

    /**
     * A file the user chose to write.
     *
     * @param filter the filter selected when the user confirmed (null when unknown), for a name
     *               whose extension does not tell the format
     */
    record ChosenFile(Path path, FileFilter filter) {
        public ChosenFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The state of a custom dialog (Add service, an import plan, settings…), kept apart from its
     * view so the flow is testable; {@link FxDialogService#register} says which view shows it.
     */
    interface Form {
        /** The window title. */
        String title();

        /** The sentence above the content, or null. */
        String header();

        /** The text of the confirming button. */
        String okText();

        /** Whether the confirming button may be pressed now. */
        ObservableBooleanValue okAllowed();
    }
}
