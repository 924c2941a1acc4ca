package io.hvx.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;

/**
 * The app's two looks (AtlantaFX Primer light and dark). The theme is the JavaFX user-agent
 * stylesheet, so every window and dialog follows it; {@link #APP_STYLESHEET} adds the app's own
 * classes (cards, badges, monospace) on top and uses only the theme's colour variables, so
 * sections style their views with it and look right in both themes.
 */
public enum Theme {
    // the binary form of the same stylesheet: it loads in half the time of parsing the CSS, on
    // the way to the first frame
    LIGHT(new PrimerLight().getUserAgentStylesheetBSS()),
    DARK(new PrimerDark().getUserAgentStylesheetBSS());

    /** The app stylesheet every scene adds. */
    public static final String APP_STYLESHEET =
            Objects.requireNonNull(Theme.class.getResource("/css/app.css"), "css/app.css").toExternalForm();

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    public String userAgentStylesheet() {
        return userAgentStylesheet;
    }

    /** The id stored in settings (as a {@code ThemeChoice} of the shell). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Makes this the look of every window (FX thread). */
    public void apply() {
        Application.setUserAgentStylesheet(userAgentStylesheet);
    }
}
