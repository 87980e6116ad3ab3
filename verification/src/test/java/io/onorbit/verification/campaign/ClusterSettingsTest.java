package io.onorbit.verification.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSettingsTest {

    @Test
    void aMemberJoinsOnlyTheAddressesGivenListensOnlyOnItsOwnAndNeverPhonesHome() {
        Config c = ClusterSettings.member(ClusterAddress.parse("127.0.0.1:5701"), ClusterAddress.parseList("localhost:5702"), 3, "study");
        assertThat(c.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(c.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(c.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
        assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(c.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(c.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(c.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(c.getClusterName()).isEqualTo("study");
        assertThat(c.getExecutorConfig(ClusterSettings.EXECUTOR).getPoolSize()).isEqualTo(3);
        assertThat(c.getMemberAttributeConfig().getAttribute(ClusterSettings.THREADS_ATTRIBUTE)).isEqualTo("3");
    }

    @Test
    void theCampaignClientKnowsOnlyTheMembersGiven() {
        var c = ClusterSettings.client(ClusterAddress.parseList("127.0.0.1:5701, 127.0.0.1:5702"), "study");
        assertThat(c.getNetworkConfig().getAddresses()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(c.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(c.getClusterName()).isEqualTo("study");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1       | is not HOST:PORT",
            "127.0.0.1:      | is not HOST:PORT",
            ":5701           | is not HOST:PORT",
            "127.0.0.1:http  | port 'http' is not a number",
            "127.0.0.1:70000 | port 70000 is outside [1, 65535]",
            "127.0.0.1:0     | port 0 is outside [1, 65535]"})
    void aBadAddressIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> ClusterAddress.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void ipv6AddressesKeepTheirBrackets() {
        ClusterAddress a = ClusterAddress.parse("[::1]:5701");
        assertThat(a.host()).isEqualTo("::1");
        assertThat(a.toString()).isEqualTo("[::1]:5701");
        assertThat(ClusterAddress.parseList("a:1,b:2")).containsExactly(new ClusterAddress("a", 1), new ClusterAddress("b", 2));
    }
}
