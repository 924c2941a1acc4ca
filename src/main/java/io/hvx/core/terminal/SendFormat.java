package io.hvx.core.terminal;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * How the text of the input line becomes bytes: as text in the terminal's charset, as hex
 * ({@code 48 65 6c}, {@code 0x48,0x65}, {@code 48:65}, {@code 4865}), or as text with escapes
 * ({@code \r \n \t \0 \xNN \\}). Bad hex or a bad escape is an {@link InvalidInputException}
 * whose sentence names the bad part, and nothing is sent.
 */
public enum SendFormat {
    TEXT(Messages.key("term.send.format.text")),
    HEX(Messages.key("term.send.format.hex")),
    ESCAPES(Messages.key("term.send.format.escapes"));

    private final String labelKey;

    SendFormat(String labelKey) {
        this.labelKey = labelKey;
    }

    public String label() {
        return Messages.get(labelKey);
    }

    /** The id stored in settings and files: {@code text}, {@code hex}, {@code escapes}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SendFormat> byId(String id) {
        for (SendFormat f : values()) {
            if (f.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The bytes {@code input} stands for in this format, followed by {@code ending}.
     *
     * @throws InvalidInputException when hex or an escape is malformed
     */
    public byte[] encode(String input, Charset charset, LineEnding ending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length() + 2);
        switch (this) {
            case TEXT -> out.writeBytes(input.getBytes(charset));
            case HEX -> hex(input, out);
            case ESCAPES -> escapes(input, charset, out);
        }
        out.writeBytes(ending.bytes());
        return out.toByteArray();
    }

    private static void hex(String input, ByteArrayOutputStream out) {
        for (String token : input.split("[\\s,:;]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
            for (int i = 0; i < digits.length(); i++) {
                if (Character.digit(digits.charAt(i), 16) < 0) {
                    throw new InvalidInputException(Problem.of("term.send.hex.badDigit", token,
                            String.valueOf(digits.charAt(i))));
                }
            }
            if (digits.isEmpty() || digits.length() % 2 != 0) {
                throw new InvalidInputException(Problem.of("term.send.hex.odd", token));
            }
            for (int i = 0; i < digits.length(); i += 2) {
                out.write(Character.digit(digits.charAt(i), 16) << 4 | Character.digit(digits.charAt(i + 1), 16));
            }
        }
    }

    private static void escapes(String input, Charset charset, ByteArrayOutputStream out) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '\\') {
                text.append(c);
                i++;
                continue;
            }
            out.writeBytes(text.toString().getBytes(charset));
            text.setLength(0);
            if (i + 1 >= input.length()) {
                throw new InvalidInputException(Problem.of("term.send.escape.trailing"));
            }
            char e = input.charAt(i + 1);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    int hi = i + 2 < input.length() ? Character.digit(input.charAt(i + 2), 16) : -1;
                    int lo = i + 3 < input.length() ? Character.digit(input.charAt(i + 3), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw new InvalidInputException(Problem.of("term.send.escape.badHex",
                                input.substring(i, Math.min(input.length(), i + 4))));
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                }
                default -> throw new InvalidInputException(Problem.of("term.send.escape.unknown", "\\" + e));
            }
            i += 2;
        }
        out.writeBytes(text.toString().getBytes(charset));
    }
}
