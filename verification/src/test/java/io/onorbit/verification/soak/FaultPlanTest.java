package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.ground.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultPlanTest {

    @TempDir
    Path tmp;

    @Test
    void allTurnsOnEveryKindAndNoneNothing() {
        assertThat(FaultPlan.all().enabledKinds()).isEqualTo(EnumSet.allOf(FaultKind.class));
        assertThat(FaultPlan.parse("none").enabledKinds()).isEmpty();
        assertThat(FaultPlan.parse("ALL")).isEqualTo(FaultPlan.all());
    }

    @Test
    void yamlPlanTurnsOnOnlyWhatItNames() throws Exception {
        Path f = tmp.resolve("plan.yaml");
        Files.writeString(f, "reset: {per_day: 2, reboot_s: 30}\nbit_errors: {bit_error_rate: 1.0e-5}\nclock_jump: {}\n"
                + "attacker: {per_pass: 3}\n");
        FaultPlan p = FaultPlan.parse(f.toString());
        assertThat(p.enabledKinds()).containsExactlyInAnyOrder(FaultKind.RESET, FaultKind.BIT_ERRORS, FaultKind.CLOCK_JUMP,
                FaultKind.ATTACKER);
        assertThat(p.attackerPerPass()).isEqualTo(3);
        assertThat(p.resetPerDay()).isEqualTo(2);
        assertThat(p.rebootS()).isEqualTo(30);
        assertThat(p.bitErrorRate()).isEqualTo(1e-5);
        assertThat(p.clockJumpPerDay()).isEqualTo(FaultPlan.all().clockJumpPerDay());
    }

    @Test
    void badPlansNameFileFieldAndReason() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "resets: {per_day: 1}\n");
        assertThatThrownBy(() -> FaultPlan.parse(f.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("resets").hasMessageContaining("did you mean 'reset'");
        Files.writeString(f, "missed_pass: {probability: 1.5}\n");
        assertThatThrownBy(() -> FaultPlan.parse(f.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missed_pass.probability").hasMessageContaining("1.5");
        assertThatThrownBy(() -> FaultPlan.parse(tmp.resolve("nope.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found");
    }
}
