package io.hvx.ui.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Lets one section bring another to the front (e.g. Services → "Open in GUID workbench").
 * Created by the composition root before the sections; the main window connects it.
 */
public final class Navigator {

    private Consumer<String> handler = id -> {
    };

    /** Shows the section with this {@link Section#id()}; unknown ids are ignored. */
    public void show(String sectionId) {
        handler.accept(sectionId);
    }

    /** Called once by the main window. */
    public void connect(Consumer<String> showSection) {
        handler = Objects.requireNonNull(showSection);
    }
}
