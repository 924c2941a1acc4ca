package io.hvx.core.tester;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to measure and how much: a connect, echo or throughput test with its parameters, checked
 * when it is made (an {@link InvalidInputException} names the field and the range). Made from
 * the texts users type with {@link #of(Kind, Inputs)}, which fills in the defaults, so the CLI
 * and the GUI accept and refuse the same things.
 */
public sealed interface TestPlan {

    /** Connect timeout when none is given. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Largest connect timeout (HVSOCKET_CONNECT_TIMEOUT_MAX). */
    long MAX_TIMEOUT_MS = 300_000;
    /** Most connections a test opens at once. */
    int MAX_PARALLEL = 64;
    /** Largest message. */
    int MAX_SIZE = TestProtocol.MAX_SIZE;
    /** The message sizes of a throughput sweep. */
    List<Integer> SWEEP = List.of(64, 256, 1024, 4096, 16 * 1024, 64 * 1024);

    /** The kind of test. */
    enum Kind {
        CONNECT(Messages.key("tester.kind.connect")),
        ECHO(Messages.key("tester.kind.echo")),
        THROUGHPUT(Messages.key("tester.kind.throughput"));

        private final String labelKey;

        Kind(String labelKey) {
            this.labelKey = labelKey;
        }

        /** {@code connect}, {@code echo} or {@code throughput}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return Messages.get(labelKey);
        }
    }

    Kind kind();

    /** How long each connect may take. */
    Duration timeout();

    /**
     * N connects, {@code parallel} at a time, each timed and closed at once.
     */
    record Connect(int count, int parallel, Duration timeout) implements TestPlan {
        public static final int DEFAULT_COUNT = 100;
        public static final int MAX_COUNT = 100_000;

        public Connect {
            checkRange(Messages.key("tester.field.count"), count, 1, MAX_COUNT);
            checkRange(Messages.key("tester.field.parallel"), parallel, 1, MAX_PARALLEL);
            checkTimeout(timeout);
        }

        @Override
        public Kind kind() {
            return Kind.CONNECT;
        }
    }

    /**
     * {@code count} round trips of {@code size} bytes, spread over {@code parallel} connections;
     * every reply is compared with what was sent.
     */
    record Echo(int count, int size, int parallel, Duration timeout) implements TestPlan {
        public static final int DEFAULT_COUNT = 10_000;
        public static final int DEFAULT_SIZE = 64;
        public static final int MAX_COUNT = 1_000_000;

        public Echo {
            checkRange(Messages.key("tester.field.count"), count, 1, MAX_COUNT);
            checkRange(Messages.key("tester.field.size"), size, 1, MAX_SIZE);
            checkRange(Messages.key("tester.field.parallel"), parallel, 1, Math.min(MAX_PARALLEL, count));
            checkTimeout(timeout);
        }

        @Override
        public Kind kind() {
            return Kind.ECHO;
        }
    }

    /**
     * A stream in {@code direction}, in messages of each of {@code sizes} bytes in turn (one
     * size, or the {@link #SWEEP}), each for {@code duration} or for {@code messages} messages.
     *
     * @param duration how long each size runs, or null when {@code messages} counts instead
     * @param messages how many messages each size sends, or 0 when {@code duration} counts
     */
    record Throughput(Direction direction, List<Integer> sizes, Duration duration, long messages,
                      Duration timeout) implements TestPlan {
        public static final int DEFAULT_SIZE = 64 * 1024;
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
        public static final long MAX_MESSAGES = 1_000_000_000L;
        public static final Duration MIN_DURATION = Duration.ofMillis(100);
        public static final Duration MAX_DURATION = Duration.ofHours(1);

        public Throughput {
            Objects.requireNonNull(direction, "direction");
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("no message size");
            }
            for (int s : sizes) {
                checkRange(Messages.key("tester.field.size"), s, 1, MAX_SIZE);
            }
            if ((duration == null) == (messages == 0)) {
                throw new InvalidInputException(Problem.of("tester.error.durationOrCount"));
            }
            if (duration != null && (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0)) {
                throw new InvalidInputException(Problem.of("tester.error.duration",
                        Messages.get("tester.field.duration"), seconds(duration), "0.1", "3600"));
            }
            if (duration == null) {
                checkRange(Messages.key("tester.field.count"), messages, 1, MAX_MESSAGES);
            }
            checkTimeout(timeout);
        }

        @Override
        public Kind kind() {
            return Kind.THROUGHPUT;
        }

        /** Whether this runs the size sweep. */
        public boolean sweep() {
            return sizes.size() > 1;
        }
    }

    /**
     * What users typed; null or blank means the default. Sizes accept {@code K} and {@code M}
     * suffixes (powers of 1024); a throughput size may be {@code sweep}.
     */
    record Inputs(String count, String parallel, String size, String duration, String direction, String timeout) {

        public static Inputs none() {
            return new Inputs(null, null, null, null, null, null);
        }
    }

    /**
     * The plan for {@code kind} from typed {@code in}, defaults filled in.
     *
     * @throws InvalidInputException naming the field that is wrong, or a field that does not
     *                               apply to this kind
     */
    static TestPlan of(Kind kind, Inputs in) {
        Duration timeout = given(in.timeout())
                ? Duration.ofMillis(parseLong(Messages.key("tester.field.timeout"), in.timeout(), 1, MAX_TIMEOUT_MS))
                : DEFAULT_TIMEOUT;
        int parallel = given(in.parallel()) ? (int) parseLong(Messages.key("tester.field.parallel"), in.parallel(), 1, MAX_PARALLEL) : 1;
        return switch (kind) {
            case CONNECT -> {
                refuse(kind, Messages.key("tester.field.size"), in.size());
                refuse(kind, Messages.key("tester.field.duration"), in.duration());
                refuse(kind, Messages.key("tester.field.direction"), in.direction());
                int count = given(in.count()) ? (int) parseLong(Messages.key("tester.field.count"), in.count(), 1, Connect.MAX_COUNT)
                        : Connect.DEFAULT_COUNT;
                yield new Connect(count, parallel, timeout);
            }
            case ECHO -> {
                refuse(kind, Messages.key("tester.field.duration"), in.duration());
                refuse(kind, Messages.key("tester.field.direction"), in.direction());
                int count = given(in.count()) ? (int) parseLong(Messages.key("tester.field.count"), in.count(), 1, Echo.MAX_COUNT)
                        : Echo.DEFAULT_COUNT;
                int size = given(in.size()) ? parseSize(in.size()) : Echo.DEFAULT_SIZE;
                yield new Echo(count, size, parallel, timeout);
            }
            case THROUGHPUT -> {
                refuse(kind, Messages.key("tester.field.parallel"), in.parallel());
                Direction d = Direction.BOTH;
                if (given(in.direction())) {
                    d = Direction.byId(in.direction()).orElseThrow(() -> new InvalidInputException(
                            Problem.of("tester.error.direction", in.direction().strip())));
                }
                List<Integer> sizes = !given(in.size()) ? List.of(Throughput.DEFAULT_SIZE)
                        : in.size().strip().equalsIgnoreCase("sweep") ? SWEEP : List.of(parseSize(in.size()));
                if (given(in.count()) && given(in.duration())) {
                    throw new InvalidInputException(Problem.of("tester.error.durationOrCount"));
                }
                if (given(in.count())) {
                    yield new Throughput(d, sizes, null,
                            parseLong(Messages.key("tester.field.count"), in.count(), 1, Throughput.MAX_MESSAGES), timeout);
                }
                Duration duration = given(in.duration()) ? parseSeconds(in.duration()) : Throughput.DEFAULT_DURATION;
                yield new Throughput(d, sizes, duration, 0, timeout);
            }
        };
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    private static void refuse(Kind kind, String fieldKey, String text) {
        if (given(text)) {
            throw new InvalidInputException(Problem.of("tester.error.notFor", Messages.get(fieldKey), kind.id()));
        }
    }

    private static void checkRange(String fieldKey, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInputException(Problem.of("tester.error.range", Messages.get(fieldKey),
                    Long.toString(value), Long.toString(min), Long.toString(max)));
        }
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkRange(Messages.key("tester.field.timeout"), timeout.toMillis(), 1, MAX_TIMEOUT_MS);
    }

    private static long parseLong(String fieldKey, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Problem.of("tester.error.range", Messages.get(fieldKey),
                    text.strip(), Long.toString(min), Long.toString(max)));
        }
        checkRange(fieldKey, v, min, max);
        return v;
    }

    /** A size in bytes with an optional K or M suffix (1024, 1024²). */
    static int parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M")) {
            unit = t.endsWith("K") ? 1024 : 1024 * 1024;
            t = t.substring(0, t.length() - 1).strip();
        }
        long v;
        try {
            v = Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(Problem.of("tester.error.size", text.strip(), Integer.toString(MAX_SIZE)));
        }
        if (v < 1 || v > MAX_SIZE) {
            throw new InvalidInputException(Problem.of("tester.error.size", text.strip(), Integer.toString(MAX_SIZE)));
        }
        return (int) v;
    }

    private static Duration parseSeconds(String text) {
        double s;
        try {
            s = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            s = Double.NaN; // not a number: refused just below with the field's sentence
        }
        if (!(s >= 0.1 && s <= 3600)) {
            throw new InvalidInputException(Problem.of("tester.error.duration", Messages.get("tester.field.duration"),
                    text.strip(), "0.1", "3600"));
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
