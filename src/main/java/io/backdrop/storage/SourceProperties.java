package io.backdrop.storage;

import io.backdrop.model.Setting;
import io.backdrop.platform.AddressPolicy;
import io.backdrop.platform.HttpLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How http(s) sources (manifests and images) are read.
 *
 * @param allowHosts       hosts read whatever address they resolve to ({@code --allow-source-host})
 * @param allowPrivate     whether loopback, private and link-local addresses may be read ({@code --allow-private-sources})
 * @param connectTimeout   time to connect
 * @param firstByteTimeout time from asking to the first byte of the answer
 * @param idleTimeout      the longest pause within an answer's body
 * @param timeout          the most one read of a source may take, body included
 */
@ConfigurationProperties("backdrop.sources")
public record SourceProperties(
        List<String> allowHosts,
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("20s") Duration firstByteTimeout,
        @DefaultValue("20s") Duration idleTimeout,
        @DefaultValue("60s") Duration timeout) {

    /** {@code --allow-private-sources}, as a restart keeps it. */
    public static final Setting<Boolean> ALLOW_PRIVATE = Setting.flag("backdrop.sources.allow-private",
            "--allow-private-sources", null);

    /** {@code --allow-source-host}, every host given, as a restart keeps them: comma-separated. */
    public static final Setting<List<String>> ALLOW_HOSTS = new Setting<>("backdrop.sources.allow-hosts",
            "--allow-source-host", null, "host names or addresses, comma-separated",
            text -> Arrays.stream(text.split(",")).map(SourceProperties::checkHost).toList(), hosts -> Optional.empty());

    public SourceProperties {
        allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
        for (String host : allowHosts) {
            checkHost(host);
        }
    }

    /** Public addresses only, the default limits. */
    public static SourceProperties defaults() {
        return new SourceProperties(List.of(), false, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    public SourceProperties withAllowPrivate(boolean allow) {
        return new SourceProperties(allowHosts, allow, connectTimeout, firstByteTimeout, idleTimeout, timeout);
    }

    public SourceProperties withTimeouts(Duration firstByte, Duration idle, Duration total) {
        return new SourceProperties(allowHosts, allowPrivate, connectTimeout, firstByte, idle, total);
    }

    public AddressPolicy policy() {
        return new AddressPolicy(allowPrivate, Set.copyOf(new LinkedHashSet<>(allowHosts)));
    }

    public HttpLimits limits() {
        return new HttpLimits(connectTimeout, firstByteTimeout, idleTimeout, timeout);
    }

    /**
     * A host as {@code --allow-source-host} takes it: a name or an address, without scheme, port or path.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    public static String checkHost(String host) {
        String problem = null;
        if (host == null || host.isBlank()) {
            problem = "must not be empty";
        } else if (host.contains("/") || host.contains("@") || host.chars().anyMatch(Character::isWhitespace)) {
            problem = "must be a host name or address, without scheme or path (e.g. images.internal)";
        } else {
            URI parsed;
            try {
                parsed = URI.create("http://" + host.strip());
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (parsed == null || parsed.getHost() == null || parsed.getPort() != -1) {
                problem = "must be a host name or address, without port (e.g. images.internal or 10.0.0.5)";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("--allow-source-host (backdrop.sources.allow-hosts) '" + host + "': " + problem);
        }
        return host.strip();
    }
}
