package io.hvx.ui.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Lets one section bring another to the front (e.g. Services → "Open in GUID workbench").
 * Created by the composition root before the sections; the main window connects it.
 */
public final class Navigator {

    private Consumer<String> handler;

    /** Shows the section with this {@link Section#id()}; unknown ids (and calls before the window exists) are ignored. */
    public void show(String sectionId) {
        if (handler != null) {
            handler.accept(sectionId);
        }
    }

    /** Called once by the main window. */
    public void connect(Consumer<String> showSection) {
        handler = Objects.requireNonNull(showSection);
    }
}
