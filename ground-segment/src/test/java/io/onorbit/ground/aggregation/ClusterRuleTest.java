package io.onorbit.ground.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRuleTest {

    @Test
    void planesOfTwoOrMoreAreClustersAndTheSatellitesAloneShareOne() {
        Map<String, String> m = ClusterRule.ORBITAL_PLANES.members(
                List.of(List.of("a", "b"), List.of("c"), List.of("d", "e", "f"), List.of("g")));
        assertThat(m).containsExactly(Map.entry("a", "plane-1"), Map.entry("b", "plane-1"), Map.entry("c", "unpaired"),
                Map.entry("d", "plane-2"), Map.entry("e", "plane-2"), Map.entry("f", "plane-2"), Map.entry("g", "unpaired"));
    }

    @Test
    void oneClusterOfEveryoneKeepsTheSingleChain() {
        assertThat(ClusterRule.ORBITAL_PLANES.members(List.of(List.of("a", "b", "c")))).as("one plane").isEmpty();
        assertThat(ClusterRule.ORBITAL_PLANES.members(List.of(List.of("a"), List.of("b")))).as("each alone").isEmpty();
        assertThat(ClusterRule.ORBITAL_PLANES.members(List.of(List.of("a")))).as("a lone satellite").isEmpty();
        assertThat(ClusterRule.SINGLE.members(List.of(List.of("a", "b"), List.of("c", "d")))).isEmpty();
    }

    @Test
    void labelsRoundTrip() {
        for (ClusterRule r : ClusterRule.values()) {
            assertThat(ClusterRule.parse(r.label())).isEqualTo(r);
        }
        assertThat(ClusterRule.parse("Orbital_Planes")).isEqualTo(ClusterRule.ORBITAL_PLANES);
        assertThatThrownBy(() -> ClusterRule.parse("by-plane")).hasMessageContaining("single, orbital-planes");
    }
}
