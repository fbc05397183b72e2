package io.backdrop.storage;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an http answer says of its content's identity: a strong ETag, else a Last-Modified time
 * the server's own clock shows to be settled. A weak ETag ({@code W/...}) promises only an
 * equivalent content, not the same bytes, so it is not used; and Last-Modified has whole
 * seconds, so a content changed within the second it was last modified could keep the time:
 * it is used only when the answer's Date is at least {@link #SETTLED} later.
 */
final class HttpValidators {

    static final Duration SETTLED = Duration.ofSeconds(2);

    private HttpValidators() {
    }

    static Optional<String> identity(HttpHeaders headers) {
        Optional<String> etag = headers.firstValue("ETag").map(String::trim).filter(tag -> tag.startsWith("\""));
        if (etag.isPresent()) {
            return Optional.of("http etag=" + etag.get());
        }
        Optional<ZonedDateTime> modified = headers.firstValue("Last-Modified").flatMap(HttpValidators::date);
        Optional<ZonedDateTime> now = headers.firstValue("Date").flatMap(HttpValidators::date);
        if (modified.isPresent() && now.isPresent() && modified.get().plus(SETTLED).isBefore(now.get())) {
            return Optional.of("http last-modified=" + modified.get().toInstant());
        }
        return Optional.empty();
    }

    private static Optional<ZonedDateTime> date(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
