package io.backdrop.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a host and refuses it unless every address it resolves to is allowed. The HTTP client
 * connects to exactly the addresses returned here, so what is checked is what is connected to:
 * a name that answers with a public address to a first look and a private one later (DNS
 * rebinding) is checked at each connection, and a redirect opens a connection of its own.
 */
final class CheckedDnsResolver implements DnsResolver {

    private final AddressPolicy policy;

    CheckedDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        // All or none: a name with one private address among public ones could be tried on it.
        for (InetAddress address : addresses) {
            if (!policy.permits(host, address)) {
                throw new AddressRefusedException(host, address);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
