package io.hvx.ui.common;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/**
 * Binds an editable picker of typed choices ({@code VmChoice}, {@code ServiceChoice}) to a view
 * model's property. A picked entry is the value itself and carries its ID; as soon as the text
 * in the editor differs from the shown entry's label, the value is a typed choice holding that
 * text, resolved later by the name resolver. A label is never turned back into an entry.
 */
public final class ChoicePicker {

    private ChoicePicker() {
    }

    public static <T> void bind(ComboBox<T> box, ObjectProperty<T> model, Function<T, String> label,
                            Function<String, T> typed) {
        Function<T, String> shown = c -> c == null ? "" : label.apply(c);
        box.setEditable(true);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T choice) {
                return shown.apply(choice);
            }

            @Override
            public T fromString(String text) {
                T current = model.get();
                return shown.apply(current).equals(text) ? current : typed.apply(text);
            }
        });
        box.setValue(model.get());
        box.valueProperty().addListener((o, old, picked) -> {
            if (picked != null && !picked.equals(model.get())) {
                model.set(picked);
            }
        });
        box.getEditor().textProperty().addListener((o, old, text) -> {
            if (!shown.apply(model.get()).equals(text)) {
                model.set(typed.apply(text));
            }
        });
        model.addListener((o, old, now) -> {
            // set by the view model (a new tab's prefill): show it, unless it is the text being typed
            if (!Objects.equals(box.getValue(), now) && !shown.apply(now).equals(box.getEditor().getText())) {
                box.setValue(now);
            }
        });
    }
}
