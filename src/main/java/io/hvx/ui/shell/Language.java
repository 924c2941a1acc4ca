package io.hvx.ui.shell;

import java.util.Locale;

/** The languages the app speaks, with the tag kept in settings and the name shown in its own language. */
public enum Language {
    ENGLISH("en", Locale.ENGLISH, "English"),
    SIMPLIFIED_CHINESE("zh-CN", Locale.SIMPLIFIED_CHINESE, "简体中文");

    private final String tag;
    private final Locale locale;
    private final String nativeName;

    Language(String tag, Locale locale, String nativeName) {
        this.tag = tag;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    /** The value stored in settings. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language's name in that language (the menu shows each in its own). */
    public String nativeName() {
        return nativeName;
    }

    /** The language of a settings value; English when unknown. */
    public static Language byTag(String tag) {
        return SIMPLIFIED_CHINESE.tag.equals(tag) ? SIMPLIFIED_CHINESE : ENGLISH;
    }

    /** The language of a locale: Chinese for any {@code zh}, else English. */
    public static Language of(Locale l) {
        return "zh".equals(l.getLanguage()) ? SIMPLIFIED_CHINESE : ENGLISH;
    }
}
