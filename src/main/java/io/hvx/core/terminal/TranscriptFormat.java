package io.hvx.core.terminal;

import io.hvx.core.Messages;

/**
 * What a saved or captured transcript holds: the text with timestamps, the received bytes exactly
 * as they arrived, or one event per line as CSV or JSON Lines.
 */
public enum TranscriptFormat {
    /** {@code 2025-03-01 14:03:07.123 > hello}: every line, with its time and direction. */
    TEXT("txt", Messages.key("term.transcript.text")),
    /** The received bytes, exactly as they arrived (nothing sent, no notes). */
    RAW("bin", Messages.key("term.transcript.raw")),
    /** {@code time,direction,offset,length,ending,text,hex} per line. */
    CSV("csv", Messages.key("term.transcript.csv")),
    /** One JSON object per line: the same fields as CSV. */
    JSON("jsonl", Messages.key("term.transcript.json"));

    private final String extension;
    private final String labelKey;

    TranscriptFormat(String extension, String labelKey) {
        this.extension = extension;
        this.labelKey = labelKey;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    public String label() {
        return Messages.get(labelKey);
    }

    /** The format a file name's extension stands for, else text. */
    public static TranscriptFormat forFileName(String name) {
        String lower = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        for (TranscriptFormat f : values()) {
            if (lower.endsWith("." + f.extension)) {
                return f;
            }
        }
        return lower.endsWith(".json") ? JSON : TEXT;
    }
}
