package io.hvx.ui.common;

import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What the user reads about a failure: one sentence naming the cause and the next step, and the
 * technical detail (error code, raw output, stack trace) shown only on request. The one error
 * model of the GUI: view models keep an {@code ObjectProperty<ErrorText>} that an
 * {@link ErrorBanner} shows ({@link ErrorBanner#bind}); {@link DialogService#showError} shows one
 * in a dialog.
 *
 * @param sentence the sentence in the current language
 * @param detail   technical detail, or {@code null} when there is none
 */
public record ErrorText(String sentence, String detail) {

    /**
     * The text for any failure: an {@link HvxException} (also when wrapped) brings its own
     * sentence and detail; anything else is a defect, reported as such with its stack trace as
     * the detail.
     */
    public static ErrorText of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HvxException h) {
            return new ErrorText(h.getMessage(), h.detail() == null || h.detail().isBlank() ? null : h.detail());
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return new ErrorText(Messages.get("error.unexpected", t.getClass().getSimpleName()), sw.toString().strip());
    }

    /** The text of a problem found without an exception (e.g. a failed check). */
    public static ErrorText of(Problem problem, String detail) {
        return new ErrorText(problem.message(), detail);
    }

    /** The {@link HvxException} in the cause chain, else the failure without its executor wrappers. */
    static Throwable unwrap(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof HvxException) {
                return cur;
            }
        }
        Throwable cur = t;
        while ((cur instanceof java.util.concurrent.ExecutionException
                || cur instanceof java.util.concurrent.CompletionException
                || cur instanceof java.lang.reflect.InvocationTargetException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    public boolean hasDetail() {
        return detail != null && !detail.isBlank();
    }
}
