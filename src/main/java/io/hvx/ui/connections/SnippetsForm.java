package io.hvx.ui.connections;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import io.hvx.core.terminal.SnippetTemplate;
import io.hvx.ui.common.DialogService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The snippet editor of a service, toolkit-free: a list of snippets being edited, the one selected,
 * and what is wrong (an empty name, a hotkey used twice, bad hex or an unknown variable), which
 * keeps OK disabled. Shown by {@link SnippetsView}.
 */
public final class SnippetsForm implements DialogService.Form {

    /** One snippet being edited. */
    public static final class Entry {
        final StringProperty name = new SimpleStringProperty("");
        final StringProperty text = new SimpleStringProperty("");
        final ObjectProperty<SendFormat> format = new SimpleObjectProperty<>(SendFormat.TEXT);
        final ObjectProperty<LineEnding> ending = new SimpleObjectProperty<>(LineEnding.LF);
        final IntegerProperty hotkey = new SimpleIntegerProperty(0);

        Entry(Snippet s) {
            name.set(s.name());
            text.set(s.text());
            format.set(s.format());
            ending.set(s.ending());
            hotkey.set(s.hotkey());
        }

        public StringProperty nameProperty() {
            return name;
        }

        public StringProperty textProperty() {
            return text;
        }

        public ObjectProperty<SendFormat> formatProperty() {
            return format;
        }

        public ObjectProperty<LineEnding> endingProperty() {
            return ending;
        }

        /** 1 to 9 for Alt+1 … Alt+9, 0 for none. */
        public IntegerProperty hotkeyProperty() {
            return hotkey;
        }

        Snippet snippet() {
            return new Snippet(name.get(), text.get(), format.get(), ending.get(), hotkey.get());
        }

        @Override
        public String toString() {
            String n = name.get().strip();
            return (n.isEmpty() ? "…" : n) + (hotkey.get() > 0 ? "   Alt+" + hotkey.get() : "");
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList(
            e -> new Observable[] {e.name, e.text, e.format, e.ending, e.hotkey});
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final BooleanBinding ok;
    private final String input;
    private final SendFormat inputFormat;
    private final LineEnding inputEnding;

    /**
     * @param current the service's snippets
     * @param input   the input line now (what a new snippet starts with), with its format and ending
     */
    public SnippetsForm(List<Snippet> current, String input, SendFormat format, LineEnding ending) {
        this.input = input == null ? "" : input;
        this.inputFormat = format;
        this.inputEnding = ending;
        for (Snippet s : current) {
            entries.add(new Entry(s));
        }
        ok = Bindings.createBooleanBinding(() -> {
            problem.set(check());
            return problem.get() == null;
        }, entries);
        if (!entries.isEmpty()) {
            selected.set(entries.getFirst());
        }
    }

    /** The first thing wrong, or null. */
    private String check() {
        boolean[] keys = new boolean[10];
        for (Entry e : entries) {
            if (e.name.get().isBlank()) {
                return Messages.get("term.snippets.noName");
            }
            int k = e.hotkey.get();
            if (k > 0) {
                if (keys[k]) {
                    return Messages.get("term.snippets.hotkeyTwice", k);
                }
                keys[k] = true;
            }
            try {
                String sample = SnippetTemplate.expand(e.text.get(), SnippetTemplate.SAMPLE);
                e.format.get().encode(sample, StandardCharsets.UTF_8, e.ending.get());
            } catch (InvalidInputException x) {
                return Messages.get("term.snippet.bad", e.name.get().strip(), x.getMessage());
            }
        }
        return null;
    }

    /** Adds a snippet holding the input line (or empty), with the first free hotkey, and selects it. */
    public void add() {
        boolean[] used = new boolean[10];
        entries.forEach(e -> used[e.hotkey.get()] = true);
        int key = 0;
        for (int k = 1; k <= 9; k++) {
            if (!used[k]) {
                key = k;
                break;
            }
        }
        String name = input.isBlank() ? Messages.get("term.snippets.newName", entries.size() + 1)
                : input.strip().length() > 24 ? input.strip().substring(0, 24) + "…" : input.strip();
        Entry e = new Entry(new Snippet(name, input, inputFormat, inputEnding, key));
        entries.add(e);
        selected.set(e);
    }

    /** Removes the selected snippet. */
    public void remove() {
        Entry e = selected.get();
        if (e != null) {
            int i = entries.indexOf(e);
            entries.remove(e);
            selected.set(entries.isEmpty() ? null : entries.get(Math.min(i, entries.size() - 1)));
        }
    }

    /** Moves the selected snippet one place up (-1) or down (+1). */
    public void move(int delta) {
        Entry e = selected.get();
        int i = entries.indexOf(e);
        int j = i + delta;
        if (e == null || j < 0 || j >= entries.size()) {
            return;
        }
        entries.remove(i);
        entries.add(j, e);
        selected.set(e);
    }

    /** The snippets as edited. */
    public List<Snippet> result() {
        return entries.stream().map(Entry::snippet).toList();
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    /** What keeps OK disabled, or null. */
    public ReadOnlyStringProperty problemProperty() {
        ok.get();
        return problem.getReadOnlyProperty();
    }

    @Override
    public String title() {
        return Messages.get("term.snippets.title");
    }

    @Override
    public String header() {
        return Messages.get("term.snippets.header", String.join(" ", SnippetTemplate.VARIABLES));
    }

    @Override
    public String okText() {
        return Messages.get("term.snippets.ok");
    }

    @Override
    public ObservableBooleanValue okAllowed() {
        return ok;
    }
}
