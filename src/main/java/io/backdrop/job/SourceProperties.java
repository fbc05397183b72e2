package io.backdrop.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sources are known to be unchanged.
 *
 * @param rehash read and hash every source in full, trusting no identity its storage gives
 *               ({@code --rehash-sources}); what is read is recorded all the same
 */
@ConfigurationProperties("backdrop.sources")
public record SourceProperties(@DefaultValue("false") boolean rehash) {
}
