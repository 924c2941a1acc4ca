package io.hvx;

import io.hvx.core.HvxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile inputs for the property tests of issue 14 §20: a valid document mutated by inserting
 * fragments that break parsers (quotes, escapes, continuations, control characters, lone
 * surrogates, huge numbers, deep nesting), flipping and deleting bytes, cutting it short or
 * repeating a part. What every property checks is the same: the input ends in a correct result
 * or in an {@link HvxException} with its {@code Problem}, never another exception.
 */
public final class HostileInput {

    private HostileInput() {
    }

    /** One edit of a document; positions are fractions of its length, so they fit any size. */
    public record Mutation(int kind, double at, double span, int fragment, int value) {

        byte[] apply(byte[] doc, List<byte[]> fragments) {
            int pos = (int) (at * doc.length);
            int len = Math.min(doc.length - pos, (int) (span * 64));
            ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 64);
            switch (kind) {
                case 0 -> { // insert a fragment
                    out.write(doc, 0, pos);
                    out.writeBytes(fragments.get(fragment % fragments.size()));
                    out.write(doc, pos, doc.length - pos);
                }
                case 1 -> { // overwrite one byte
                    out.writeBytes(doc);
                    byte[] b = out.toByteArray();
                    if (b.length > 0) {
                        b[Math.min(pos, b.length - 1)] = (byte) value;
                    }
                    return b;
                }
                case 2 -> { // delete a range
                    out.write(doc, 0, pos);
                    out.write(doc, pos + len, doc.length - pos - len);
                }
                case 3 -> out.write(doc, 0, pos); // cut short
                default -> { // repeat a range
                    out.write(doc, 0, pos + len);
                    out.write(doc, pos, doc.length - pos);
                }
            }
            return out.toByteArray();
        }
    }

    /** Up to {@code max} mutations. */
    public static Arbitrary<List<Mutation>> mutations(int max) {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 255)).as(Mutation::new);
        return one.list().ofMinSize(0).ofMaxSize(max);
    }

    /** {@code doc} with {@code mutations} applied in turn. */
    public static byte[] mutate(byte[] doc, List<Mutation> mutations, List<byte[]> fragments) {
        byte[] b = doc;
        for (Mutation m : mutations) {
            b = m.apply(b, fragments);
        }
        return b;
    }

    /** UTF-8 bytes of each text. */
    public static List<byte[]> utf8(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Text fragments that break naive parsers of any format. */
    public static final String[] COMMON = {"\"", "\\", "'", "\u0000", "\u001b]0;pwned\u0007", "\u001b[2J", "\r", "\n",
            "\r\n", "\t", "\uFEFF", "\u2028", "\u202e", "\ud800", "\udfff", "\ud83d\ude00", "\u00ff", "\u0085",
            "99999999999999999999999999", "-1", "1e999", "NaN", "null", "{", "}", "[", "]", ",", ":", "=", ";",
            "A".repeat(5000), "\u540d\u5b57", "%s%n", "${jndi:ldap://x}", "$(calc)", "`"};

    /**
     * Records the outcome in jqwik's statistics (printed with each property's report): accepted,
     * or the key of the problem that refused it.
     */
    public static void count(String what, Object outcome) {
        Statistics.label(what).collect(outcome);
    }

    /** The outcome label of a refusal. */
    public static String refused(HvxException e) {
        return "refused: " + e.problem().key();
    }
}
