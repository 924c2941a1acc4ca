package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.core.terminal.TimestampFormat;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output side of a terminal: find, copy, pause, the scrollback, saving and capturing, without the toolkit. */
class TerminalViewModelTest {

    @TempDir
    Path tmp;

    private final TestTasks tasks = TestTasks.immediate();
    private final TestDialogs dialogs = new TestDialogs();
    private final Settings settings = Settings.inMemory();
    private TerminalViewModel t;

    @BeforeEach
    void terminal() {
        Messages.setLocale(Locale.US);
        t = new TerminalViewModel(Terminals.context(tmp, tasks, dialogs, settings));
    }

    private void receive(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        t.buffer().received(b, 0, b.length);
    }

    @Test
    void findGoesForwardAndBackFromTheMatchAndWrapsAround() {
        receive("alpha\nbeta ALPHA\ngamma\nalpha again\n");
        t.findQueryProperty().set("alpha");
        t.findNext();
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(0, 0, 5));
        t.findNext();
        assertThat(t.matchProperty().get()).as("case-insensitive by default").isEqualTo(new TerminalViewModel.Match(1, 5, 10));
        t.findNext();
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(3, 0, 5));
        t.findNext();
        assertThat(t.matchProperty().get()).as("wraps to the top").isEqualTo(new TerminalViewModel.Match(0, 0, 5));
        t.findPrevious();
        assertThat(t.matchProperty().get()).as("wraps to the bottom").isEqualTo(new TerminalViewModel.Match(3, 0, 5));
        assertThat(t.followingProperty().get()).as("a match stops following the end").isFalse();

        t.matchCaseProperty().set(true);
        t.findQueryProperty().set("ALPHA");
        t.findNext();
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(1, 5, 10));
        t.findNext();
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(1, 5, 10));
        t.findQueryProperty().set("delta");
        t.findNext();
        assertThat(t.matchProperty().get()).isNull();
        assertThat(t.notFoundProperty().get()).isTrue();
    }

    @Test
    void findSearchesTheHexViewToo() {
        receive("hello\n");
        t.hexProperty().set(true);
        t.findQueryProperty().set("6c 6c");
        t.findNext();
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(0, 16, 21));
    }

    @Test
    void copiedTextRunsBetweenTwoPositionsAcrossRows() {
        receive("first line\nsecond line\nthird\n");
        assertThat(t.text(0, 6, 2, 3)).isEqualTo("line\nsecond line\nthi");
        assertThat(t.text(2, 3, 0, 6)).as("either order").isEqualTo("line\nsecond line\nthi");
        assertThat(t.text(1, 0, 1, 100)).isEqualTo("second line");
    }

    @Test
    void aPausedViewCountsWhatArrivesAndTheScrollbackCountsWhatFellOut() {
        t.setScrollback(100);
        assertThat(settings.get(Settings.Key.TERMINAL_SCROLLBACK)).contains("100");
        receive("a\nb\n");
        t.pulse();
        t.followingProperty().set(false);
        for (int i = 0; i < 150; i++) {
            receive("line " + i + "\n");
        }
        assertThat(t.pulse()).isTrue();
        assertThat(t.pulse()).as("nothing new, nothing to draw").isFalse();
        assertThat(t.unseenProperty().get()).isEqualTo(150);
        assertThat(t.droppedProperty().get()).isEqualTo(52);
        assertThat(t.droppedNoteProperty().get()).isEqualTo("52 older lines not shown (the scrollback keeps the newest)");
        t.followingProperty().set(true);
        assertThat(t.unseenProperty().get()).isZero();
    }

    @Test
    void theScrollbackIsAskedForAndABadAnswerIsRefusedWithTheRange() {
        dialogs.onText(q -> {
            assertThat(q.problem().apply("50")).isEqualTo("'50' is not a number of lines from 100 to 1,000,000.");
            assertThat(q.problem().apply("lots")).startsWith("'lots' is not");
            assertThat(q.problem().apply("1,000,000")).isNull();
            return Optional.of("250,000");
        });
        t.askScrollback();
        assertThat(t.scrollbackProperty().get()).isEqualTo(250_000);
        assertThat(t.buffer().capacity()).isEqualTo(250_000);
        assertThat(new TerminalViewModel(Terminals.context(tmp, tasks, dialogs, settings)).scrollbackProperty().get())
                .as("new terminals keep it").isEqualTo(250_000);
    }

    @Test
    void aTranscriptIsSavedInTheChosenFormatAndReadsBack() throws Exception {
        receive("hello\n");
        t.buffer().sent("ping\r\n".getBytes(StandardCharsets.UTF_8), true);
        receive("pong\r\n");
        Path text = tmp.resolve("t.txt");
        Path csv = tmp.resolve("t.csv");
        Path raw = tmp.resolve("t.bin");
        dialogs.onSave(q -> {
            assertThat(q.initialName()).isEqualTo("demo-linux-Demo-echo.txt");
            assertThat(q.filters()).extracting(DialogService.FileFilter::extensions)
                    .containsExactly(List.of("txt"), List.of("bin"), List.of("csv"), List.of("jsonl"));
            return Optional.of(new DialogService.ChosenFile(text, null));
        });
        t.setFileStem("demo-linux · Demo echo");
        t.saveTranscript();
        assertThat(Files.readAllLines(text)).hasSize(3).satisfies(l -> {
            assertThat(l.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} < hello");
            assertThat(l.get(1)).endsWith(" > ping");
            assertThat(l.get(2)).endsWith(" < pong");
        });
        assertThat(t.statusProperty().get()).isEqualTo("Saved 3 lines to " + text);

        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(csv, null)));
        t.saveTranscript();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.getFirst()).isEqualTo("time,direction,offset,length,ending,text,hex");
        assertThat(rows.get(2)).matches(".*,sent,0,6,crlf,ping,70696e670d0a");

        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(raw, q.filters().get(1))));
        t.saveTranscript();
        assertThat(Files.readString(raw)).as("received bytes exactly").isEqualTo("hello\npong\r\n");
    }

    @Test
    void aCaptureWritesEverythingFromNowOnEvenWhatTheScrollbackDrops() throws Exception {
        t.setScrollback(100);
        receive("before\n");
        Path log = tmp.resolve("capture.jsonl");
        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(log, null)));
        t.startCapture();
        assertThat(t.captureProperty().get()).isNotNull();
        for (int i = 0; i < 300; i++) {
            receive("line " + i + "\n");
        }
        t.pulse();
        assertThat(t.droppedNoteProperty().get()).isEqualTo("201 older lines not shown — saved to the log capture.jsonl");
        t.stopCapture();
        assertThat(t.captureProperty().get()).isNull();
        List<String> events = Files.readAllLines(log);
        assertThat(events).hasSize(300);
        assertThat(events.getFirst()).contains("\"direction\":\"received\"").contains("\"text\":\"line 0\"")
                .contains("\"ending\":\"lf\"");
        assertThat(events.getLast()).contains("\"text\":\"line 299\"");
        assertThat(t.statusProperty().get()).startsWith("Capture saved: ").endsWith(log.toString());
    }

    @Test
    void aCaptureThatCannotBeCreatedIsShownAsAnErrorDialog() throws Exception {
        Files.createDirectories(tmp.resolve("dir"));
        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(tmp.resolve("dir"), null)));
        t.startCapture();
        assertThat(t.captureProperty().get()).isNull();
        assertThat(dialogs.errors()).hasSize(1);
        assertThat(dialogs.errors().getFirst().sentence()).startsWith("Could not create the capture file '" + tmp.resolve("dir"));
    }

    @Test
    void relativeTimestampsCountFromTheConnectAndTheFormatIsRemembered() {
        t.markOrigin();
        receive("x\n");
        t.timestampsProperty().set(TimestampFormat.RELATIVE);
        assertThat(t.gutter(t.rows(0, 1).getFirst())).matches("\\+\\d+\\.\\d{3}");
        t.timestampsProperty().set(TimestampFormat.OFF);
        assertThat(t.gutter(t.rows(0, 1).getFirst())).isEmpty();
        assertThat(settings.get(Settings.Key.TERMINAL_TIMESTAMPS)).contains("off");
    }

    @Test
    void changingTheCharsetShowsTheKeptLinesAnew() {
        byte[] latin = {'c', 'a', 'f', (byte) 0xE9, '\n'};
        t.buffer().received(latin, 0, latin.length);
        assertThat(Terminals.rows(t)).containsExactly("caf\\xe9");
        t.charsetProperty().set(StandardCharsets.ISO_8859_1);
        assertThat(Terminals.rows(t)).containsExactly("café");
        assertThat(settings.get(Settings.Key.TERMINAL_CHARSET)).contains("ISO-8859-1");
    }
}
