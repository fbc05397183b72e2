package io.backdrop.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host that resolves to an address its {@link AddressPolicy} does not allow. Raised before any
 * connection is made, so it says the same whether something listens there or not.
 * An {@link UnknownHostException} because that is what a resolver may throw.
 */
public class AddressRefusedException extends UnknownHostException {

    private final String host;

    public AddressRefusedException(String host, InetAddress address) {
        super(host.equalsIgnoreCase(address.getHostAddress())
                ? host + " is not a public address"
                : host + " resolves to " + address.getHostAddress() + ", which is not a public address");
        this.host = host;
    }

    /** The host as the URL names it. */
    public String host() {
        return host;
    }
}
