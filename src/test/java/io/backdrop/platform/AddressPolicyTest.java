package io.backdrop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.170", "198.18.0.1",
            "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
            "fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1", "2001:0:4136:e378::1", "2001:db8::1"})
    void nonPublicAddressesAreNotPublic(String address) throws UnknownHostException {
        assertThat(AddressPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "193.0.0.1", "2a00:1450:4001::1",
            "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesArePublic(String address) throws UnknownHostException {
        assertThat(AddressPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void allowedHostsMatchWhateverTheCaseAndBrackets() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(false, Set.of("Images.Internal", "[fd00::5]"));
        InetAddress internal = InetAddress.getByName("10.0.0.5");

        assertThat(policy.permits("images.internal", internal)).isTrue();
        assertThat(policy.permits("fd00::5", InetAddress.getByName("fd00::5"))).isTrue();
        assertThat(policy.permits("other.internal", internal)).isFalse();
        assertThat(AddressPolicy.publicOnly().allowingHost("127.0.0.1").permits("127.0.0.1", InetAddress.getByName("127.0.0.1")))
                .isTrue();
        assertThat(new AddressPolicy(true, Set.of()).permits("x", internal)).isTrue();
    }
}
