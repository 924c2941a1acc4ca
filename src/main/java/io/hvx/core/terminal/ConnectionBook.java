package io.hvx.core.terminal;

import java.util.List;

/**
 * Port: the recent and favourite connections of the Connections section, kept between runs (a
 * small JSON file in the data directory, {@code io.hvx.files.JsonConnectionBook}). Calls may
 * block on the disk: the UI calls them through its task runner.
 */
public interface ConnectionBook {

    /** Recent connections kept besides the favourites. */
    int RECENT_LIMIT = 20;

    /** Favourites first, then the other recent connections, each group most recently used first. */
    List<SavedConnection> list();

    /**
     * Records that a connection was used now: it becomes the most recent (a favourite stays one);
     * beyond {@link #RECENT_LIMIT} the oldest entries that are not favourites are forgotten.
     *
     * @return the list as it is now
     */
    List<SavedConnection> used(SavedConnection connection);

    /** Stars or unstars a connection (adding it when it is not listed); returns the list as it is now. */
    List<SavedConnection> favourite(SavedConnection connection, boolean favourite);

    /** Forgets a connection; returns the list as it is now. */
    List<SavedConnection> remove(SavedConnection connection);
}
