package io.hvx.ui.connections;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import io.hvx.core.terminal.SnippetTemplate;
import io.hvx.core.terminal.TerminalFiles;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.ErrorText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The input side of a terminal, testable without the toolkit: the input line with its history,
 * how it becomes bytes (text, hex or escapes, variables, the line ending), the snippets of the
 * service, periodic sending, sending a file, and Send EOF. What is sent goes to the
 * {@link Outlet} its owner sets while a connection is open, and is recorded in the terminal.
 *
 * <p>Bad hex, a bad escape or an unknown variable leaves a sentence in {@link #problemProperty()}
 * (shown at the input) and sends nothing.
 */
public final class SenderViewModel implements AutoCloseable {

    /** Lines of input history kept. */
    public static final int HISTORY_LIMIT = 200;

    /** Where bytes go: the open connection. All methods may be called from any thread. */
    public interface Outlet {
        /** Queues bytes without waiting; false when the connection takes no more. */
        boolean send(byte[] data);

        /** Queues bytes, first waiting while much is queued; false when the connection takes no more. */
        boolean sendBlocking(byte[] data) throws InterruptedException;

        /** Half-close; false when it was done already or the connection is over. */
        boolean shutdownOutput();

        /** The outlet of a session. */
        static Outlet of(ConnectionSession s) {
            return new Outlet() {
                @Override
                public boolean send(byte[] data) {
                    return s.send(data);
                }

                @Override
                public boolean sendBlocking(byte[] data) throws InterruptedException {
                    return s.sendBlocking(data);
                }

                @Override
                public boolean shutdownOutput() {
                    return s.shutdownOutput();
                }
            };
        }
    }

    private final TerminalContext ctx;
    private final TerminalPreferences prefs;
    private final TerminalViewModel terminal;
    private final StringProperty input = new SimpleStringProperty("");
    private final ObjectProperty<SendFormat> format;
    private final ObjectProperty<LineEnding> ending;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Outlet> outlet = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper eofSent = new ReadOnlyBooleanWrapper(false);
    private final List<String> history = new ArrayList<>();
    private int historyPos;
    private String draft = "";
    private final AtomicLong counter = new AtomicLong();

    private final ObjectProperty<Guid> service = new SimpleObjectProperty<>();
    private final ObservableList<Snippet> snippets = FXCollections.observableArrayList();

    private final StringProperty repeatInterval = new SimpleStringProperty("1000");
    private final StringProperty repeatCount = new SimpleStringProperty("10");
    private final ReadOnlyBooleanWrapper repeating = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper repeatSent = new ReadOnlyLongWrapper();
    private int repeatRun;

    private final ReadOnlyBooleanWrapper sendingFile = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fileProgress = new ReadOnlyDoubleWrapper(0);
    private volatile boolean fileCancelled;

    public SenderViewModel(TerminalContext ctx, TerminalViewModel terminal) {
        this.ctx = ctx;
        this.prefs = ctx.preferences();
        this.terminal = terminal;
        this.format = new SimpleObjectProperty<>(prefs.sendFormat());
        this.ending = new SimpleObjectProperty<>(prefs.lineEnding());
        format.addListener((o, a, now) -> {
            prefs.sendFormat(now);
            problem.set("");
        });
        ending.addListener((o, a, now) -> prefs.lineEnding(now));
        input.addListener(o -> problem.set(""));
        outlet.addListener((o, a, now) -> {
            canSend.set(now != null);
            if (now == null) {
                stopRepeat();
            } else {
                eofSent.set(false);
            }
        });
        service.addListener(o -> loadSnippets());
    }

    // ------------------------------------------------------------ sending

    /** Sends the input line; on success it joins the history and the line is emptied. */
    public boolean send() {
        String text = input.get();
        byte[] bytes;
        try {
            bytes = encode(text, format.get(), ending.get());
        } catch (InvalidInputException e) {
            problem.set(e.getMessage());
            return false;
        }
        if (!transmit(bytes)) {
            return false;
        }
        remember(text);
        input.set("");
        return true;
    }

    /** The bytes {@code text} stands for, variables expanded. */
    byte[] encode(String text, SendFormat f, LineEnding e) {
        String expanded = SnippetTemplate.expand(text == null ? "" : text, new SnippetTemplate.Values(
                counter::incrementAndGet, () -> ctx.clock().instant().atZone(ctx.zone()), UUID::randomUUID,
                () -> ThreadLocalRandom.current().nextInt(65536)));
        return f.encode(expanded, terminal.charsetProperty().get(), e);
    }

    /** Whether {@code text} can be sent, without using up a counter value. */
    private void check(String text, SendFormat f, LineEnding e) {
        f.encode(SnippetTemplate.expand(text == null ? "" : text, SnippetTemplate.SAMPLE), terminal.charsetProperty().get(), e);
    }

    private boolean transmit(byte[] bytes) {
        Outlet o = outlet.get();
        if (o == null || bytes.length == 0) {
            return false;
        }
        if (!terminal.send(bytes, () -> o.send(bytes))) {
            problem.set(Messages.get("term.send.closed"));
            return false;
        }
        return true;
    }

    /** Half-close: the peer reads end of file; replies can still arrive. */
    public void sendEof() {
        Outlet o = outlet.get();
        if (o != null && o.shutdownOutput()) {
            stopRepeat();
            eofSent.set(true);
            canSend.set(false);
            terminal.note(Messages.get("term.note.eofSent"));
        }
    }

    // ------------------------------------------------------------ history

    private void remember(String text) {
        if (!text.isEmpty() && (history.isEmpty() || !history.getLast().equals(text))) {
            history.add(text);
            if (history.size() > HISTORY_LIMIT) {
                history.removeFirst();
            }
        }
        historyPos = history.size();
        draft = "";
    }

    /** Shows the previous line of the history (Up). */
    public void historyUp() {
        if (historyPos == 0) {
            return;
        }
        if (historyPos == history.size()) {
            draft = input.get();
        }
        historyPos--;
        input.set(history.get(historyPos));
    }

    /** Shows the next line of the history, then what was being typed (Down). */
    public void historyDown() {
        if (historyPos >= history.size()) {
            return;
        }
        historyPos++;
        input.set(historyPos == history.size() ? draft : history.get(historyPos));
    }

    /** The history, oldest first. */
    public List<String> history() {
        return List.copyOf(history);
    }

    // ------------------------------------------------------------ snippets

    /** Loads the snippets of the service (set by the owner once it is known). */
    private void loadSnippets() {
        Guid id = service.get();
        if (id == null) {
            snippets.clear();
            return;
        }
        ctx.tasks().run(() -> ctx.snippets().list(id), list -> {
            if (id.equals(service.get())) {
                snippets.setAll(list);
            }
        }, t -> {
            snippets.clear();
            status.set(ErrorText.of(t).sentence());
        });
    }

    /** Sends a snippet (its own format and line ending, variables expanded). */
    public boolean sendSnippet(Snippet s) {
        byte[] bytes;
        try {
            bytes = encode(s.text(), s.format(), s.ending());
        } catch (InvalidInputException e) {
            problem.set(Messages.get("term.snippet.bad", s.name(), e.getMessage()));
            return false;
        }
        return transmit(bytes);
    }

    /** Sends the snippet with hotkey Alt+{@code n}; false when there is none. */
    public boolean sendHotkey(int n) {
        for (Snippet s : snippets) {
            if (s.hotkey() == n) {
                return sendSnippet(s);
            }
        }
        return false;
    }

    /** Opens the snippet editor for the service and saves what the user confirms. */
    public void editSnippets() {
        Guid id = service.get();
        if (id == null) {
            return;
        }
        SnippetsForm form = new SnippetsForm(snippets, input.get(), format.get(), ending.get());
        if (!ctx.dialogs().showForm(form)) {
            return;
        }
        List<Snippet> list = form.result();
        ctx.tasks().run(() -> {
            ctx.snippets().save(id, list);
            return list;
        }, saved -> {
            if (id.equals(service.get())) {
                snippets.setAll(saved);
            }
        }, t -> ctx.dialogs().showError(ErrorText.of(t)));
    }

    // ------------------------------------------------------------ periodic sending

    /**
     * Sends the input line now and then every {@link #repeatIntervalProperty() interval}
     * milliseconds, {@link #repeatCountProperty() count} times in all (0: until stopped).
     * Variables take new values each time.
     */
    public void startRepeat() {
        long interval;
        long count;
        try {
            interval = parse(repeatInterval.get(), 10, 86_400_000, Messages.key("term.repeat.badInterval"));
            count = parse(repeatCount.get(), 0, 1_000_000, Messages.key("term.repeat.badCount"));
            check(input.get(), format.get(), ending.get());
        } catch (InvalidInputException e) {
            problem.set(e.getMessage());
            return;
        }
        if (outlet.get() == null) {
            return;
        }
        String text = input.get();
        SendFormat f = format.get();
        LineEnding e = ending.get();
        int run = ++repeatRun;
        repeating.set(true);
        repeatSent.set(0);
        remember(text);
        tick(run, text, f, e, Duration.ofMillis(interval), count);
    }

    private void tick(int run, String text, SendFormat f, LineEnding e, Duration interval, long count) {
        if (run != repeatRun || !repeating.get()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = encode(text, f, e);
        } catch (InvalidInputException x) {
            problem.set(x.getMessage());
            stopRepeat();
            return;
        }
        if (!transmit(bytes)) {
            stopRepeat();
            return;
        }
        repeatSent.set(repeatSent.get() + 1);
        if (count > 0 && repeatSent.get() >= count) {
            stopRepeat();
            return;
        }
        ctx.tasks().run(() -> {
            Thread.sleep(interval);
            return run;
        }, r -> tick(r, text, f, e, interval, count), t -> stopRepeat());
    }

    /** Stops periodic sending. */
    public void stopRepeat() {
        repeatRun++;
        repeating.set(false);
    }

    private static long parse(String text, long min, long max, String key) {
        try {
            long v = Long.parseLong(text == null ? "" : text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new InvalidInputException(Problem.of(key, text == null ? "" : text.strip(), min, max));
    }

    // ------------------------------------------------------------ sending a file

    /** Asks for a file, then sends it at the peer's pace, with progress; {@link #cancelFile()} stops it. */
    public void sendFile() {
        Outlet o = outlet.get();
        if (o == null || sendingFile.get()) {
            return;
        }
        Optional<Path> chosen = ctx.dialogs().chooseFileToOpen(new DialogService.FileQuestion(
                Messages.get("term.file.send.title"), List.of(DialogService.FileFilter.of(Messages.get("term.file.all"), "*")),
                null));
        if (chosen.isEmpty()) {
            return;
        }
        Path path = chosen.get();
        fileCancelled = false;
        sendingFile.set(true);
        fileProgress.set(0);
        status.set(Messages.get("term.file.sending", path.getFileName().toString()));
        ctx.tasks().run(() -> sendAll(o, path), sent -> {
            sendingFile.set(false);
            status.set(Messages.get(fileCancelled ? "term.file.cancelled" : "term.file.sent", path.getFileName().toString(), sent));
        }, t -> {
            sendingFile.set(false);
            status.set("");
            problem.set(ErrorText.of(t).sentence());
        });
    }

    private long sendAll(Outlet o, Path path) throws InterruptedException {
        try (TerminalFiles.Source src = ctx.files().open(path)) {
            long total = Math.max(1, src.size());
            byte[] buf = new byte[64 * 1024];
            long sent = 0;
            long lastReport = 0;
            int n;
            while (!fileCancelled && (n = src.read(buf)) > 0) {
                byte[] chunk = Arrays.copyOf(buf, n);
                if (!o.sendBlocking(chunk)) {
                    throw new OperationFailedException(Problem.of("term.file.connectionEnded", path.getFileName().toString(), sent));
                }
                terminal.recordSent(chunk);
                sent += n;
                long now = System.nanoTime();
                if (now - lastReport > 100_000_000L) {
                    lastReport = now;
                    double p = Math.min(1.0, sent / (double) total);
                    ctx.tasks().later(() -> fileProgress.set(p));
                }
            }
            return sent;
        }
    }

    /** Stops sending the file after the piece being sent. */
    public void cancelFile() {
        fileCancelled = true;
    }

    /** Stops periodic sending and a file being sent (the tab closes). */
    @Override
    public void close() {
        stopRepeat();
        cancelFile();
    }

    // ------------------------------------------------------------ properties

    public StringProperty inputProperty() {
        return input;
    }

    public ObjectProperty<SendFormat> formatProperty() {
        return format;
    }

    public ObjectProperty<LineEnding> endingProperty() {
        return ending;
    }

    /** Why the last input was not sent (bad hex, bad escape…), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the last file or snippet action did. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Where bytes go while a connection is open (set by the owner; null: nothing can be sent). */
    public ObjectProperty<Outlet> outletProperty() {
        return outlet;
    }

    /** Whether sending is possible now (a connection is open and EOF was not sent). */
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /** Whether this side has half-closed the connection. */
    public ReadOnlyBooleanProperty eofSentProperty() {
        return eofSent.getReadOnlyProperty();
    }

    /** The service whose snippets are offered (set by the owner). */
    public ObjectProperty<Guid> serviceProperty() {
        return service;
    }

    public ObservableList<Snippet> snippets() {
        return snippets;
    }

    public StringProperty repeatIntervalProperty() {
        return repeatInterval;
    }

    public StringProperty repeatCountProperty() {
        return repeatCount;
    }

    public ReadOnlyBooleanProperty repeatingProperty() {
        return repeating.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty repeatSentProperty() {
        return repeatSent.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingFileProperty() {
        return sendingFile.getReadOnlyProperty();
    }

    /** 0 to 1 while a file is sent. */
    public ReadOnlyDoubleProperty fileProgressProperty() {
        return fileProgress.getReadOnlyProperty();
    }
}
