package io.hvx.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnippetTemplateTest {

    private final AtomicLong counter = new AtomicLong();
    private final SnippetTemplate.Values values = new SnippetTemplate.Values(counter::incrementAndGet,
            () -> ZonedDateTime.parse("2025-03-01T14:03:07+01:00"),
            () -> UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), () -> 4242);

    @Test
    void everyVariableIsReplacedInAnyCase() {
        assertThat(SnippetTemplate.expand("n={{counter}} t={{TIME}} d={{ date }} u={{uuid}} r={{Random}}", values))
                .isEqualTo("n=1 t=14:03:07 d=2025-03-01 u=123e4567-e89b-12d3-a456-426614174000 r=4242");
    }

    @Test
    void theCounterCountsSendsNotOccurrences() {
        assertThat(SnippetTemplate.expand("{{counter}} {{counter}}", values)).isEqualTo("1 1");
        assertThat(SnippetTemplate.expand("{{counter}}", values)).isEqualTo("2");
        assertThat(SnippetTemplate.expand("no variables", values)).isEqualTo("no variables");
        assertThat(counter.get()).as("text without the counter leaves it alone").isEqualTo(2);
    }

    @Test
    void otherBracesStayAndAnUnknownWordIsRefused() {
        assertThat(SnippetTemplate.expand("{\"a\":{\"b\":1}} {{ }} {{1}}", values)).isEqualTo("{\"a\":{\"b\":1}} {{ }} {{1}}");
        Messages.setLocale(Locale.US);
        assertThatThrownBy(() -> SnippetTemplate.expand("x {{countr}}", values))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'{{countr}}' is not a variable; the variables are {{counter}}, {{time}}, {{date}}, {{uuid}}, {{random}}.");
        assertThat(SnippetTemplate.hasVariables("a {{time}}")).isTrue();
        assertThat(SnippetTemplate.hasVariables("{{ }}")).isFalse();
    }
}
