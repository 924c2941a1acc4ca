package io.hvx.ui.connections;

import io.hvx.core.Settings;
import io.hvx.core.terminal.DisplayDecoder;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.TerminalBuffer;
import io.hvx.core.terminal.TimestampFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The terminal choices a new tab starts with, read from and written to {@link Settings}: what the
 * user chose last is what the next terminal uses. A missing or bad value gives the default.
 */
final class TerminalPreferences {

    private final Settings settings;

    TerminalPreferences(Settings settings) {
        this.settings = settings;
    }

    int scrollback() {
        return settings.getDouble(Settings.Key.TERMINAL_SCROLLBACK).map(Double::intValue)
                .filter(n -> n >= TerminalBuffer.MIN_SCROLLBACK && n <= TerminalBuffer.MAX_SCROLLBACK)
                .orElse(TerminalBuffer.DEFAULT_SCROLLBACK);
    }

    void scrollback(int lines) {
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, Integer.toString(lines));
    }

    TimestampFormat timestamps() {
        return settings.get(Settings.Key.TERMINAL_TIMESTAMPS).flatMap(TimestampFormat::byId).orElse(TimestampFormat.TIME);
    }

    void timestamps(TimestampFormat f) {
        settings.put(Settings.Key.TERMINAL_TIMESTAMPS, f.id());
    }

    Charset charset() {
        return settings.get(Settings.Key.TERMINAL_CHARSET).filter(DisplayDecoder.CHARSETS::contains)
                .filter(Charset::isSupported).map(Charset::forName).orElse(StandardCharsets.UTF_8);
    }

    void charset(Charset c) {
        settings.put(Settings.Key.TERMINAL_CHARSET, c.name());
    }

    boolean localEcho() {
        return settings.getBoolean(Settings.Key.TERMINAL_LOCAL_ECHO, true);
    }

    void localEcho(boolean on) {
        settings.put(Settings.Key.TERMINAL_LOCAL_ECHO, Boolean.toString(on));
    }

    boolean ansi() {
        return settings.getBoolean(Settings.Key.TERMINAL_ANSI, true);
    }

    void ansi(boolean on) {
        settings.put(Settings.Key.TERMINAL_ANSI, Boolean.toString(on));
    }

    LineEnding lineEnding() {
        return settings.get(Settings.Key.TERMINAL_LINE_ENDING).flatMap(LineEnding::byId).orElse(LineEnding.LF);
    }

    void lineEnding(LineEnding e) {
        settings.put(Settings.Key.TERMINAL_LINE_ENDING, e.id());
    }

    SendFormat sendFormat() {
        return settings.get(Settings.Key.TERMINAL_SEND_FORMAT).flatMap(SendFormat::byId).orElse(SendFormat.TEXT);
    }

    void sendFormat(SendFormat f) {
        settings.put(Settings.Key.TERMINAL_SEND_FORMAT, f.id());
    }

    boolean autoReconnect() {
        return settings.getBoolean(Settings.Key.TERMINAL_AUTO_RECONNECT, false);
    }

    void autoReconnect(boolean on) {
        settings.put(Settings.Key.TERMINAL_AUTO_RECONNECT, Boolean.toString(on));
    }
}
