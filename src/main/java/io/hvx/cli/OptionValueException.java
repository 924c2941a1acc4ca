package io.hvx.cli;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;

/**
 * An option's value that picocli took as text and hvx refused after parsing because it is not
 * of the option's type (not a number, see {@link NumberOption}). It is a usage error like picocli's own, so {@link Cli} prints
 * it in the same format: the sentence, then where the usage is.
 */
final class OptionValueException extends InvalidInputException {

    OptionValueException(Problem problem) {
        super(problem);
    }
}
