package io.hvx.core.terminal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port: the files of a terminal (saved transcripts, continuous captures, files to send), so the
 * UI never opens a file itself. Implemented by {@code io.hvx.files.TerminalFileStore}; calls that
 * touch the disk may block and run through the UI's task runner.
 */
public interface TerminalFiles {

    /**
     * Writes {@code lines} to {@code file} in {@code format}, replacing it atomically (a reader
     * sees the old file or the whole new one).
     *
     * @throws io.hvx.core.OperationFailedException naming the file and the cause
     */
    void save(Path file, TranscriptFormat format, List<TerminalLine> lines);

    /**
     * Creates (or truncates) {@code file} and writes to it everything the terminal records from
     * now on, until {@link Capture#close()}. Writing is buffered; a failure stops the capture
     * and is kept in {@link Capture#failure()}, it never stops the connection.
     *
     * @throws io.hvx.core.OperationFailedException when the file cannot be created
     */
    Capture capture(Path file, TranscriptFormat format);

    /**
     * Opens {@code file} for sending.
     *
     * @throws io.hvx.core.OperationFailedException when it is not a readable regular file
     */
    Source open(Path file);

    /** A running capture: a {@link TerminalBuffer.Sink} that writes to a file. */
    interface Capture extends TerminalBuffer.Sink, AutoCloseable {
        Path file();

        TranscriptFormat format();

        /** Bytes written to the file so far. */
        long written();

        /** Why the capture stopped writing, if it did (a full disk, a removed drive). */
        Optional<io.hvx.core.HvxException> failure();

        /** Writes what is buffered and closes the file; safe to call more than once. */
        @Override
        void close();
    }

    /** A file being sent. */
    interface Source extends AutoCloseable {
        /** Its size when opened. */
        long size();

        /**
         * Reads up to {@code buffer.length} bytes.
         *
         * @return the count, or -1 at the end
         * @throws io.hvx.core.OperationFailedException when reading fails
         */
        int read(byte[] buffer);

        @Override
        void close();
    }
}
