package io.backdrop.jobfile;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Durations written as on the command line and in Spring properties ({@code 250ms}, {@code 30s},
 * {@code 15m}) or in ISO-8601 ({@code PT15M}). A number without a unit is refused rather than
 * guessed: in Spring's style it would mean milliseconds, where a person writing {@code 2} likely
 * meant seconds.
 */
final class DurationDeserializer extends ValueDeserializer<Duration> {

    static final String EXAMPLES = "a duration with its unit, e.g. 250ms, 30s, 15m";

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
        String text = parser.getText();
        if (parser.currentToken() != JsonToken.VALUE_STRING || text.trim().matches("[+-]?[0-9]+")) {
            throw InvalidFormatException.from(parser, EXAMPLES, text, Duration.class);
        }
        try {
            return DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidFormatException.from(parser, EXAMPLES, text, Duration.class);
        }
    }

    @Override
    public Class<?> handledType() {
        return Duration.class;
    }
}
