package io.hvx.core;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-visible text. Every sentence shown by the GUI or printed by the CLI comes from the
 * bundles under {@code resources/i18n/} (English and Simplified Chinese), one bundle per feature
 * so features can grow without touching each other's files. Patterns use
 * {@link MessageFormat}: a literal apostrophe is written {@code ''}.
 *
 * <p>Keys appear in code as string literals passed to {@link #get}, {@link #key} or
 * {@link Problem#of}; the i18n test relies on that to find missing and stale keys.
 */
public final class Messages {

    /** Bundle base names, one per feature. */
    public static final List<String> BUNDLES = List.of(
            "i18n.core", "i18n.app", "i18n.services", "i18n.vms", "i18n.net", "i18n.tester");

    private static volatile Locale locale = Locale.getDefault();
    private static volatile List<ResourceBundle> loaded;

    private Messages() {
    }

    /** Marks a string literal as a message key (for keys stored in enums and tables). */
    public static String key(String key) {
        return key;
    }

    /** Switches the language of all later messages. */
    public static void setLocale(Locale newLocale) {
        locale = newLocale;
        loaded = null;
    }

    public static Locale locale() {
        return locale;
    }

    /** The formatted text of {@code key} in the current locale. */
    public static String get(String key, Object... args) {
        return format(key, args);
    }

    /**
     * The formatted text of {@code key}; a missing key yields the key itself so a slip never
     * becomes a crash (the i18n test catches it instead).
     */
    public static String format(String key, Object[] args) {
        return format(bundles(), locale, key, args);
    }

    /**
     * The formatted text of {@code key} in another language than the current one (a note shown in
     * the language the user just chose). Pass the key through {@link #key} so the i18n test sees it.
     */
    public static String in(Locale other, String key, Object... args) {
        return format(load(other), other, key, args);
    }

    private static String format(List<ResourceBundle> bundles, Locale locale, String key, Object[] args) {
        if (args != null) {
            // a Problem as an argument (a reason inside a sentence) reads in the same language
            args = args.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Problem p) {
                    args[i] = p.message();
                }
            }
        }
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                String pattern = b.getString(key);
                if (args == null || args.length == 0) {
                    return new MessageFormat(pattern, locale).format(new Object[0]);
                }
                return new MessageFormat(pattern, locale).format(args);
            }
        }
        return key;
    }

    /** Whether {@code key} exists in some bundle. */
    public static boolean has(String key) {
        return bundles().stream().anyMatch(b -> b.containsKey(key));
    }

    private static List<ResourceBundle> bundles() {
        List<ResourceBundle> b = loaded;
        if (b == null) {
            b = load(locale);
            loaded = b;
        }
        return b;
    }

    private static List<ResourceBundle> load(Locale l) {
        List<ResourceBundle> list = new ArrayList<>();
        for (String name : BUNDLES) {
            try {
                list.add(ResourceBundle.getBundle(name, l,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
            } catch (MissingResourceException e) {
                // a feature without strings yet
            }
        }
        return List.copyOf(list);
    }
}
