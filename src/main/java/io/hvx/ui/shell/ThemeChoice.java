package io.hvx.ui.shell;

import io.hvx.core.Messages;
import io.hvx.ui.common.Theme;
import java.util.Arrays;

/** The theme the user chose: one of the two looks, or whichever the operating system uses. */
public enum ThemeChoice {
    SYSTEM("system", Messages.key("settings.theme.system")),
    LIGHT("light", Messages.key("settings.theme.light")),
    DARK("dark", Messages.key("settings.theme.dark"));

    private final String id;
    private final String labelKey;

    ThemeChoice(String id, String labelKey) {
        this.id = id;
        this.labelKey = labelKey;
    }

    /** The value stored in settings. */
    public String id() {
        return id;
    }

    public String label() {
        return Messages.get(labelKey);
    }

    /** The look to use when the operating system uses {@code system}. */
    public Theme look(Theme system) {
        return switch (this) {
            case SYSTEM -> system;
            case LIGHT -> Theme.LIGHT;
            case DARK -> Theme.DARK;
        };
    }

    /** The choice stored as {@code id}; following the system when absent or unknown. */
    public static ThemeChoice byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElse(SYSTEM);
    }
}
