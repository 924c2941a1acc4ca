package io.hvx.ui.connections;

import io.hvx.core.Settings;
import io.hvx.core.terminal.SnippetBook;
import io.hvx.core.terminal.TerminalFiles;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.TaskRunner;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What every terminal of the section shares, handed down from the composition root: the
 * settings (its defaults), the ports for its files and snippets, the dialogs, the task runner, and
 * the clock and zone its timestamps use.
 */
public record TerminalContext(Settings settings, TerminalFiles files, SnippetBook snippets, DialogService dialogs,
                              TaskRunner tasks, Clock clock, ZoneId zone) {

    public TerminalContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(snippets, "snippets");
        Objects.requireNonNull(dialogs, "dialogs");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
    }

    /** The remembered terminal preferences. */
    TerminalPreferences preferences() {
        return new TerminalPreferences(settings);
    }
}
