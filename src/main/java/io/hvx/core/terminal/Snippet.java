package io.hvx.core.terminal;

import java.util.Objects;

/**
 * A saved piece of input, sent with one click or a hotkey.
 *
 * @param name   what its button says
 * @param text   what is sent, in {@code format}, with variables ({@link SnippetTemplate})
 * @param format how {@code text} becomes bytes
 * @param ending appended after it
 * @param hotkey 1 to 9 for Alt+1 … Alt+9, or 0 for none
 */
public record Snippet(String name, String text, SendFormat format, LineEnding ending, int hotkey) {

    public Snippet {
        name = name == null ? "" : name.strip();
        text = text == null ? "" : text;
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ending, "ending");
        if (hotkey < 0 || hotkey > 9) {
            throw new IllegalArgumentException("a hotkey is 1 to 9, or 0 for none");
        }
    }
}
