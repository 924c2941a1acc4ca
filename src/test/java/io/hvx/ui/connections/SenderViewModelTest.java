package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.core.VsockTemplate;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import io.hvx.files.JsonSnippetBook;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input side of a terminal: history, formats, snippets, repeat, files and EOF, without the toolkit. */
class SenderViewModelTest {

    private static final Guid SERVICE = VsockTemplate.guidForPort(7);

    @TempDir
    Path tmp;

    private final TestTasks tasks = TestTasks.immediate();
    private final TestDialogs dialogs = new TestDialogs();
    private final Settings settings = Settings.inMemory();
    private final List<byte[]> sent = new ArrayList<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private boolean eof;
    private TerminalViewModel terminal;
    private SenderViewModel s;

    private final SenderViewModel.Outlet outlet = new SenderViewModel.Outlet() {
        @Override
        public synchronized boolean send(byte[] data) {
            if (eof) {
                return false;
            }
            sent.add(data);
            all.writeBytes(data);
            return true;
        }

        @Override
        public boolean sendBlocking(byte[] data) {
            return send(data);
        }

        @Override
        public boolean shutdownOutput() {
            boolean first = !eof;
            eof = true;
            return first;
        }
    };

    @BeforeEach
    void sender() {
        Messages.setLocale(Locale.US);
        TerminalContext ctx = Terminals.context(tmp, tasks, dialogs, settings);
        terminal = new TerminalViewModel(ctx);
        s = new SenderViewModel(ctx, terminal);
        s.outletProperty().set(outlet);
    }

    private boolean send(String text) {
        s.inputProperty().set(text);
        return s.send();
    }

    @Test
    void theLineIsSentWithItsEndingAndJoinsTheHistory() {
        s.endingProperty().set(LineEnding.CRLF);
        assertThat(send("one")).isTrue();
        s.endingProperty().set(LineEnding.NONE);
        assertThat(send("two")).isTrue();
        assertThat(send("")).as("nothing to send").isFalse();
        assertThat(sent).containsExactly("one\r\n".getBytes(StandardCharsets.UTF_8), "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Terminals.lines(terminal)).containsExactly("> one", "> two");
        assertThat(settings.get(Settings.Key.TERMINAL_LINE_ENDING)).contains("none");

        s.inputProperty().set("draft");
        s.historyUp();
        assertThat(s.inputProperty().get()).isEqualTo("two");
        s.historyUp();
        s.historyUp();
        assertThat(s.inputProperty().get()).isEqualTo("one");
        s.historyDown();
        assertThat(s.inputProperty().get()).isEqualTo("two");
        s.historyDown();
        assertThat(s.inputProperty().get()).as("back to what was being typed").isEqualTo("draft");
        send("two");
        assertThat(s.history()).as("a repeat is kept once").containsExactly("one", "two");
    }

    @Test
    void hexAndEscapesAreSentAsTheirBytesAndBadInputSendsNothing() {
        s.endingProperty().set(LineEnding.NONE);
        s.formatProperty().set(SendFormat.HEX);
        assertThat(send("0x48,0x69 0a")).isTrue();
        s.formatProperty().set(SendFormat.ESCAPES);
        assertThat(send("a\\tb\\x00")).isTrue();
        assertThat(sent).containsExactly(new byte[] {'H', 'i', '\n'}, new byte[] {'a', '\t', 'b', 0});

        s.formatProperty().set(SendFormat.HEX);
        assertThat(send("48 zz")).isFalse();
        assertThat(s.problemProperty().get()).startsWith("'zz' is not hex");
        assertThat(s.inputProperty().get()).as("the input stays to be corrected").isEqualTo("48 zz");
        assertThat(sent).hasSize(2);
        s.inputProperty().set("48 65");
        assertThat(s.problemProperty().get()).as("typing clears the sentence").isEmpty();
        assertThat(Terminals.lines(terminal)).as("what is sent is shown as the terminal shows bytes")
                .containsExactly("> Hi", "> a^Ib^@");
    }

    @Test
    void variablesTakeTheirValuesOnEachSend() {
        s.endingProperty().set(LineEnding.NONE);
        send("n={{counter}}");
        send("n={{counter}} {{date}}");
        assertThat(new String(sent.get(0), StandardCharsets.UTF_8)).isEqualTo("n=1");
        assertThat(new String(sent.get(1), StandardCharsets.UTF_8)).matches("n=2 \\d{4}-\\d\\d-\\d\\d");
        assertThat(send("{{nope}}")).isFalse();
        assertThat(s.problemProperty().get()).startsWith("'{{nope}}' is not a variable");
    }

    @Test
    void snippetsOfTheServiceAreEditedSavedSentAndBoundToTheirHotkeys() {
        s.serviceProperty().set(SERVICE);
        assertThat(s.snippets()).isEmpty();
        s.inputProperty().set("status {{counter}}");
        dialogs.onForm(SnippetsForm.class, form -> {
            form.add();
            SnippetsForm.Entry e = form.selectedProperty().get();
            assertThat(e.textProperty().get()).isEqualTo("status {{counter}}");
            assertThat(e.hotkeyProperty().get()).isEqualTo(1);
            e.nameProperty().set("status");
            form.add();
            form.selectedProperty().get().nameProperty().set("hello");
            form.selectedProperty().get().textProperty().set("68 69");
            form.selectedProperty().get().formatProperty().set(SendFormat.HEX);
            form.selectedProperty().get().endingProperty().set(LineEnding.NONE);
            form.selectedProperty().get().hotkeyProperty().set(1);
            assertThat(form.okAllowed().get()).isFalse();
            assertThat(form.problemProperty().get()).isEqualTo("Alt+1 is given to two snippets.");
            form.selectedProperty().get().hotkeyProperty().set(2);
            form.selectedProperty().get().textProperty().set("68 6");
            assertThat(form.problemProperty().get()).startsWith("Snippet 'hello': '6' is not a whole number of bytes");
            form.selectedProperty().get().textProperty().set("68 69");
            return form.okAllowed().get();
        });
        s.editSnippets();
        assertThat(s.snippets()).extracting(Snippet::name).containsExactly("status", "hello");
        assertThat(new JsonSnippetBook(tmp.resolve("snippets.json")).list(SERVICE)).as("saved for the service")
                .extracting(Snippet::name).containsExactly("status", "hello");

        assertThat(s.sendHotkey(2)).isTrue();
        assertThat(s.sendSnippet(s.snippets().getFirst())).isTrue();
        assertThat(s.sendHotkey(5)).isFalse();
        assertThat(sent).containsExactly("hi".getBytes(StandardCharsets.UTF_8), "status 1\n".getBytes(StandardCharsets.UTF_8));

        SenderViewModel other = new SenderViewModel(Terminals.context(tmp, tasks, dialogs, settings), terminal);
        other.serviceProperty().set(SERVICE);
        assertThat(other.snippets()).as("another tab to the same service has them").hasSize(2);
        other.serviceProperty().set(VsockTemplate.guidForPort(9));
        assertThat(other.snippets()).isEmpty();
    }

    @Test
    void repeatSendsTheLineCountTimesWithFreshVariablesThenStops() throws Exception {
        s.endingProperty().set(LineEnding.LF);
        s.inputProperty().set("tick {{counter}}");
        s.repeatIntervalProperty().set("10");
        s.repeatCountProperty().set("3");
        s.startRepeat();
        tasks.until(() -> !s.repeatingProperty().get());
        assertThat(sent).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("tick 1\n", "tick 2\n", "tick 3\n");
        assertThat(s.repeatSentProperty().get()).isEqualTo(3);

        s.repeatIntervalProperty().set("5");
        s.startRepeat();
        assertThat(s.problemProperty().get()).isEqualTo("'5' is not an interval: give milliseconds from 10 to 86,400,000.");
        s.repeatIntervalProperty().set("10");
        s.repeatCountProperty().set("-1");
        s.startRepeat();
        assertThat(s.problemProperty().get()).startsWith("'-1' is not a count");
        assertThat(sent).hasSize(3);
    }

    @Test
    void repeatStopsWhenTheConnectionGoes() throws Exception {
        TestTasks held = TestTasks.held();
        TerminalContext ctx = Terminals.context(tmp, held, dialogs, settings);
        SenderViewModel r = new SenderViewModel(ctx, new TerminalViewModel(ctx));
        r.outletProperty().set(outlet);
        r.inputProperty().set("x");
        r.repeatCountProperty().set("0");
        r.startRepeat();
        assertThat(sent).hasSize(1);
        assertThat(r.repeatingProperty().get()).isTrue();
        r.outletProperty().set(null);
        assertThat(r.repeatingProperty().get()).isFalse();
        held.runAll(); // the wait before the next send ends: nothing more is sent
        assertThat(sent).hasSize(1);
    }

    @Test
    void aFileIsSentWholeAtThePeersPace() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i % 251);
        }
        Path file = Files.write(tmp.resolve("firmware.bin"), content);
        dialogs.onOpen(file);
        terminal.localEchoProperty().set(false);
        s.sendFile();
        assertThat(s.sendingFileProperty().get()).isFalse();
        assertThat(all.toByteArray()).isEqualTo(content);
        assertThat(s.statusProperty().get()).isEqualTo("Sent firmware.bin: 200,000 bytes");
        assertThat(terminal.buffer().sentBytes()).isEqualTo(content.length);
        assertThat(terminal.buffer().lineCount()).as("no echo: not shown").isZero();

        dialogs.onOpen(tmp);
        s.sendFile();
        assertThat(s.problemProperty().get()).isEqualTo("'" + tmp + "' is not a file that can be read: choose a regular file.");
    }

    @Test
    void afterEofNothingMoreIsSent() {
        assertThat(s.canSendProperty().get()).isTrue();
        s.sendEof();
        assertThat(s.eofSentProperty().get()).isTrue();
        assertThat(s.canSendProperty().get()).isFalse();
        assertThat(send("late")).isFalse();
        assertThat(Terminals.lines(terminal)).containsExactly("* EOF sent: this side will send nothing more");
    }
}
