package io.hvx.ui.common;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one {@link DialogService} of view-model tests: it answers as the test says and records
 * every question, in order, so a test checks both the flow and what the user was asked. A
 * question the test did not script fails the test.
 *
 * <pre>{@code
 * TestDialogs dialogs = new TestDialogs().confirmAnswers(true, false);   // OK, then No
 * model.remove();
 * assertThat(dialogs.asked(Confirmation.class)).hasSize(2);
 * }</pre>
 */
public final class TestDialogs implements DialogService {

    private final List<Object> asked = new ArrayList<>();
    private final List<ErrorText> errors = new ArrayList<>();
    private final Deque<Boolean> confirmations = new ArrayDeque<>();
    private Function<TextQuestion, Optional<String>> text = q -> unexpected(q);
    private Function<ChoiceQuestion<?>, Optional<?>> choice = q -> unexpected(q);
    private Predicate<Form> form = f -> unexpected(f);
    private Function<FileQuestion, Optional<Path>> open = q -> unexpected(q);
    private Function<FileQuestion, Optional<ChosenFile>> save = q -> unexpected(q);

    private static <T> T unexpected(Object question) {
        throw new AssertionError("the test did not expect this dialog: " + question);
    }

    /** The answers to the next confirmations, in order (true = OK / Yes). */
    public TestDialogs confirmAnswers(boolean... answers) {
        for (boolean a : answers) {
            confirmations.add(a);
        }
        return this;
    }

    /** Answers text questions (empty = Cancel). */
    public TestDialogs onText(Function<TextQuestion, Optional<String>> answer) {
        text = answer;
        return this;
    }

    /** Answers choice questions (empty = Cancel). */
    public TestDialogs onChoice(Function<ChoiceQuestion<?>, Optional<?>> answer) {
        choice = answer;
        return this;
    }

    /** Fills forms of {@code type} and says whether the user pressed OK. */
    public <F extends Form> TestDialogs onForm(Class<F> type, Predicate<F> fillAndConfirm) {
        form = f -> type.isInstance(f) ? fillAndConfirm.test(type.cast(f)) : unexpected(f);
        return this;
    }

    /** The file chosen to open (null = Cancel). */
    public TestDialogs onOpen(Path file) {
        open = q -> Optional.ofNullable(file);
        return this;
    }

    /** How the save chooser answers. */
    public TestDialogs onSave(Function<FileQuestion, Optional<ChosenFile>> answer) {
        save = answer;
        return this;
    }

    /** Every question asked so far, in order. */
    public List<Object> asked() {
        return List.copyOf(asked);
    }

    /** The questions of one kind asked so far. */
    public <T> List<T> asked(Class<T> kind) {
        return asked.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The errors shown in dialogs so far. */
    public List<ErrorText> errors() {
        return List.copyOf(errors);
    }

    @Override
    public boolean confirm(Confirmation question) {
        asked.add(question);
        Boolean a = confirmations.poll();
        return a != null ? a : unexpected(question);
    }

    @Override
    public Optional<String> askText(TextQuestion question) {
        asked.add(question);
        return text.apply(question);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> askChoice(ChoiceQuestion<T> question) {
        asked.add(question);
        return (Optional<T>) choice.apply(question);
    }

    @Override
    public boolean showForm(Form f) {
        asked.add(f);
        return form.test(f) && f.okAllowed().get();
    }

    @Override
    public Optional<Path> chooseFileToOpen(FileQuestion question) {
        asked.add(question);
        return open.apply(question);
    }

    @Override
    public Optional<ChosenFile> chooseFileToSave(FileQuestion question) {
        asked.add(question);
        return save.apply(question);
    }

    @Override
    public void showError(ErrorText error) {
        asked.add(error);
        errors.add(error);
    }
}
