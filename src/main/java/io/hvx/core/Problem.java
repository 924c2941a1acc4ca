package io.hvx.core;

import java.util.Arrays;

/**
 * What went wrong, as a message key and its arguments, so the same problem reads well in the
 * CLI and in the GUI in either language.
 */
public record Problem(String key, Object[] args) {

    public Problem {
        args = args == null ? new Object[0] : args.clone();
    }

    public static Problem of(String key, Object... args) {
        return new Problem(key, args);
    }

    /** The sentence in the current locale. */
    public String message() {
        return Messages.format(key, args);
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem p && p.key.equals(key) && Arrays.equals(p.args, args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(args);
    }
}
