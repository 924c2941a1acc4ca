package io.hvx.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.terminal.Direction;
import io.hvx.core.terminal.TerminalFiles;
import io.hvx.core.terminal.TerminalLine;
import io.hvx.core.terminal.TimestampFormat;
import io.hvx.core.terminal.TranscriptFormat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The terminal's files: transcripts saved atomically ({@link AtomicFiles}), continuous captures
 * written through a buffer, and files opened for sending. The formats:
 *
 * <ul>
 *   <li>text: {@code 2025-03-01 14:03:07.123 < hello} per line; {@code <} received,
 *       {@code >} sent, {@code *} a note of the terminal (connected, closed…);</li>
 *   <li>raw: the received bytes exactly as they arrived;</li>
 *   <li>CSV (RFC 4180) and JSON Lines: {@code time} (ISO 8601 with milliseconds and offset),
 *       {@code direction} ({@code received}, {@code sent}, {@code note}), {@code offset} (of the
 *       line's first byte in its direction's stream), {@code length} (bytes, terminator
 *       included), {@code ending} ({@code none}, {@code lf}, {@code cr}, {@code crlf}),
 *       {@code text} (as shown) and {@code hex} (the bytes).</li>
 * </ul>
 */
public final class TerminalFileStore implements TerminalFiles {

    private static final System.Logger LOG = System.getLogger(TerminalFileStore.class.getName());
    private static final DateTimeFormatter ISO_MS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    private static final String CSV_HEADER = "time,direction,offset,length,ending,text,hex\r\n";
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final ZoneId zone;
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();

    /** @param zone the time zone of the times written (the user's) */
    public TerminalFileStore(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void save(Path file, TranscriptFormat format, List<TerminalLine> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 100 + 64);
        if (format == TranscriptFormat.CSV) {
            out.writeBytes(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
        }
        for (TerminalLine l : lines) {
            out.writeBytes(encode(format, l));
        }
        try {
            AtomicFiles.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("term.file.saveFailed", file.toString(), e.getMessage()),
                    e.toString(), e);
        }
    }

    /** One line in a format (nothing for a line that a raw file does not hold). */
    byte[] encode(TranscriptFormat format, TerminalLine l) {
        return switch (format) {
            case RAW -> l.direction() == Direction.RECEIVED ? l.bytes() : new byte[0];
            case TEXT -> (TimestampFormat.DATE_TIME.format(l.time(), 0, zone) + " " + mark(l.direction()) + " " + l.text()
                    + "\n").getBytes(StandardCharsets.UTF_8);
            case CSV -> (csv(time(l)) + ',' + direction(l.direction()) + ',' + l.offset() + ',' + l.byteLength() + ','
                    + l.ending().id() + ',' + csv(l.text()) + ',' + HexFormat.of().formatHex(l.bytes()) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            case JSON -> {
                JsonObject o = new JsonObject();
                o.addProperty("time", time(l));
                o.addProperty("direction", direction(l.direction()));
                o.addProperty("offset", l.offset());
                o.addProperty("length", l.byteLength());
                o.addProperty("ending", l.ending().id());
                o.addProperty("text", l.text());
                o.addProperty("hex", HexFormat.of().formatHex(l.bytes()));
                yield (gson.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private String time(TerminalLine l) {
        return ISO_MS.format(Instant.ofEpochMilli(l.time()).atZone(zone));
    }

    private static String mark(Direction d) {
        return switch (d) {
            case RECEIVED -> "<";
            case SENT -> ">";
            case NOTE -> "*";
        };
    }

    private static String direction(Direction d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public Capture capture(Path file, TranscriptFormat format) {
        OutputStream out;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 64 * 1024);
            if (format == TranscriptFormat.CSV) {
                out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("term.file.captureFailed", file.toString(), e.getMessage()),
                    e.toString(), e);
        }
        return new FileCapture(file, format, out);
    }

    private final class FileCapture implements Capture {
        private final Path file;
        private final TranscriptFormat format;
        private OutputStream out;
        private long written;
        private long lastFlush = System.nanoTime();
        private HvxException failure;

        FileCapture(Path file, TranscriptFormat format, OutputStream out) {
            this.file = file;
            this.format = format;
            this.out = out;
        }

        @Override
        public synchronized void line(TerminalLine line) {
            if (format != TranscriptFormat.RAW) {
                byte[] b = encode(format, line);
                write(b, 0, b.length);
            }
        }

        @Override
        public synchronized void received(byte[] data, int off, int len) {
            if (format == TranscriptFormat.RAW) {
                write(data, off, len);
            }
        }

        private void write(byte[] b, int off, int len) {
            if (out == null) {
                return;
            }
            try {
                out.write(b, off, len);
                written += len;
                long now = System.nanoTime();
                if (now - lastFlush > FLUSH_NANOS) {
                    // at most a second of data is lost if the app ends abruptly
                    out.flush();
                    lastFlush = now;
                }
            } catch (IOException e) {
                failure = new OperationFailedException(Problem.of("term.file.captureStopped", file.toString(), e.getMessage()),
                        e.toString(), e);
                LOG.log(System.Logger.Level.WARNING, "Capture to " + file + " stopped", e);
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                out.close();
            } catch (IOException e) {
                // the failure that stopped the capture is kept; this one adds nothing the user can act on
                LOG.log(System.Logger.Level.DEBUG, "Closing the failed capture " + file, e);
            }
            out = null;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public TranscriptFormat format() {
            return format;
        }

        @Override
        public synchronized long written() {
            return written;
        }

        @Override
        public synchronized Optional<HvxException> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public synchronized void close() {
            if (out == null) {
                return;
            }
            try {
                out.close();
            } catch (IOException e) {
                failure = new OperationFailedException(Problem.of("term.file.captureStopped", file.toString(), e.getMessage()),
                        e.toString(), e);
                LOG.log(System.Logger.Level.WARNING, "Capture to " + file + " could not be completed", e);
            }
            out = null;
        }
    }

    @Override
    public Source open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OperationFailedException(Problem.of("term.file.notRegular", file.toString()), "not a regular file");
        }
        try {
            long size = Files.size(file);
            InputStream in = Files.newInputStream(file);
            return new Source() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public int read(byte[] buffer) {
                    try {
                        int n = in.readNBytes(buffer, 0, buffer.length);
                        return n == 0 && buffer.length > 0 ? -1 : n;
                    } catch (IOException e) {
                        throw new OperationFailedException(Problem.of("term.file.readFailed", file.toString(), e.getMessage()),
                                e.toString(), e);
                    }
                }

                @Override
                public void close() {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // everything needed was read; a failing close of a file only read loses nothing
                        LOG.log(System.Logger.Level.DEBUG, "Closing " + file, e);
                    }
                }
            };
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("term.file.readFailed", file.toString(), e.getMessage()),
                    e.toString(), e);
        }
    }
}
