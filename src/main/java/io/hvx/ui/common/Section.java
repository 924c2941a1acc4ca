package io.hvx.ui.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the main window's navigation (GUID workbench, Services, Virtual machines…).
 * Sections are created by the composition root with the ports they need.
 */
public interface Section {

    /** Stable id, used for settings and tests (e.g. {@code "guid"}). */
    String id();

    /** Message key of the navigation title. */
    String titleKey();

    /** Navigation icon. */
    Ikon icon();

    /** The section's view, created once. */
    Node view();

    /** Called each time the section becomes visible (e.g. to refresh). */
    default void onShow() {
    }

    /** Called when the window closes: stop timers, watchers and background work. */
    default void dispose() {
    }
}
