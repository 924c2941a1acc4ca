package io.hvx.vm;

/**
 * The error object the scripts print when a cmdlet fails. Only {@code errorId},
 * {@code category} and {@code exception} are matched on; {@code message} is localized and is
 * shown in the details only.
 */
public record PowerShellError(String errorId, String category, String exception, String message) {

    public PowerShellError {
        errorId = errorId == null ? "" : errorId;
        category = category == null ? "" : category;
        exception = exception == null ? "" : exception;
        message = message == null ? "" : message;
    }
}
