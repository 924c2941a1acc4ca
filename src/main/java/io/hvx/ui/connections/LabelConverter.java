package io.hvx.ui.connections;

import java.util.function.Function;
import javafx.util.StringConverter;

/** Shows the choices of a non-editable picker by a label; nothing is ever parsed back. */
final class LabelConverter<T> extends StringConverter<T> {

    private final Function<T, String> label;

    private LabelConverter(Function<T, String> label) {
        this.label = label;
    }

    static <T> LabelConverter<T> of(Function<T, String> label) {
        return new LabelConverter<>(label);
    }

    @Override
    public String toString(T t) {
        return t == null ? "" : label.apply(t);
    }

    @Override
    public T fromString(String s) {
        return null;
    }
}
