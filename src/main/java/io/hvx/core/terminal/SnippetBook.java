package io.hvx.core.terminal;

import io.hvx.core.Guid;
import java.util.List;

/**
 * Port: the snippets saved for each service, kept between runs (a small JSON file in the data
 * directory, {@code io.hvx.files.JsonSnippetBook}). Calls may block on the disk: the UI calls
 * them through its task runner.
 */
public interface SnippetBook {

    /** The snippets saved for {@code service}, in their order (empty when none). */
    List<Snippet> list(Guid service);

    /**
     * Replaces the snippets of {@code service} (an empty list removes them).
     *
     * @throws io.hvx.core.OperationFailedException when the file cannot be written, or holds
     *                                              something this version does not understand
     *                                              (it is then left as it is)
     */
    void save(Guid service, List<Snippet> snippets);
}
