package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.command.ModelUpdate;
import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.command.TimeBeacon;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Reassembler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacker really attacks: what it injects reassembles into whole, well-formed uplink frames
 * that reach the spacecraft's command check (forged ones fail only on the MAC, replayed and
 * reordered ones only on the counter or base), and the real receiver refuses every one.
 */
class UplinkAttackerTest {

    private static final String SAT = "sat-1";
    private static final int APID = 0x123;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyInjectedCommandReachesTheReceiverAndIsRefused(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] key = new byte[32];
        r.nextBytes(key);
        float[] v0 = new float[200];
        for (int i = 0; i < v0.length; i++) {
            v0[i] = (float) r.nextGaussian();
        }
        UpdateReceiver rx = new UpdateReceiver(SAT, key, v0, ModelVersion.of(0, v0), 0);
        Reassembler onboard = new Reassembler(apid -> true, 0, 64, 1 << 22);
        Packetizer ground = new Packetizer(256, 0);
        UplinkAttacker attacker = new UplinkAttacker(new SplittableRandom(seed), 4.0);
        Map<UpdateRefusal, Long> refused = new EnumMap<>(UpdateRefusal.class);
        float[] held = v0;
        ModelVersion heldVersion = ModelVersion.of(0, v0);
        long applied = 0;
        long groundMessage = 1;
        for (int version = 1; version <= 6; version++) {
            float[] next = held.clone();
            next[r.nextInt(next.length)] += 0.5f;
            ModelVersion nextVersion = ModelVersion.of(version, next);
            byte[] frame = UplinkFrame.sign(ModelUpdate.between(SAT, version, heldVersion, held, nextVersion, next), key);
            List<byte[]> genuine = ground.segment(APID, true, groundMessage++, frame);
            for (int part = 0; part < 4; part++) { // the pass in four parts: the genuine update goes in the first
                List<byte[]> air = attacker.interfere(part == 0 ? genuine : List.of(), 0.25);
                for (byte[] p : air) {
                    if (onboard.offer(p) instanceof Reassembler.Completed c) {
                        UpdateReceiver.Outcome o = rx.receive(c.message().bytes());
                        if (o.applied()) {
                            applied++;
                        } else {
                            refused.merge(o.rejected().orElseThrow(), 1L, Long::sum);
                        }
                    }
                }
            }
            held = next;
            heldVersion = nextVersion;
        }
        assertThat(applied).as("only the ground's six updates").isEqualTo(6);
        assertThat(rx.version()).isEqualTo(heldVersion);
        long injected = attacker.injectedTotal();
        assertThat(injected).isPositive();
        assertThat(attacker.injected()).allSatisfy((k, n) -> assertThat(n).as(k.name()).isPositive());
        // Every injected command reached the command check whole and was refused there.
        assertThat(refused.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(injected);
        assertThat(refused.getOrDefault(UpdateRefusal.FORGED, 0L)).isEqualTo(attacker.injected().get(UplinkAttacker.Kind.FORGED));
        assertThat(refused).doesNotContainKeys(UpdateRefusal.TRUNCATED, UpdateRefusal.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyInjectedTimeBeaconIsRefusedAndOnlyTheGroundsSetTheClock(long seed) {
        byte[] key = new byte[32];
        new SplittableRandom(seed).nextBytes(key);
        UplinkAttacker attacker = new UplinkAttacker(new SplittableRandom(seed), 4.0);
        long floorMs = Long.MIN_VALUE; // what the spacecraft keeps on flash
        Map<UpdateRefusal, Long> refused = new EnumMap<>(UpdateRefusal.class);
        List<Long> accepted = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            long groundMs = 1_000_000L + step * 30_000L;
            sent.add(groundMs);
            for (byte[] b : attacker.interfereBeacons(List.of(TimeBeacon.sign(SAT, groundMs, key)), 0.1)) {
                Optional<UpdateRefusal> why = TimeBeacon.check(b, SAT, key, floorMs);
                if (why.isPresent()) {
                    refused.merge(why.get(), 1L, Long::sum);
                } else {
                    floorMs = TimeBeacon.parse(b).orElseThrow().groundTimeMs();
                    accepted.add(floorMs);
                }
            }
        }
        assertThat(accepted).as("exactly the ground's beacons, in order").isEqualTo(sent);
        Map<UplinkAttacker.BeaconKind, Long> injected = attacker.beaconsInjected();
        assertThat(injected).allSatisfy((k, n) -> assertThat(n).as(k.name()).isPositive());
        assertThat(refused.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(injected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(refused.get(UpdateRefusal.FORGED)).isEqualTo(injected.get(UplinkAttacker.BeaconKind.FORGED));
        assertThat(refused.get(UpdateRefusal.REPLAYED)).isEqualTo(injected.get(UplinkAttacker.BeaconKind.REPLAYED));
        // Someone else's genuine beacon does not set this clock either.
        assertThat(TimeBeacon.check(TimeBeacon.sign("sat-2", floorMs + 1, key), SAT, key, floorMs))
                .contains(UpdateRefusal.WRONG_SATELLITE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0})
    void commandsPerPassFollowTheRate(double perPass) {
        UplinkAttacker attacker = new UplinkAttacker(new SplittableRandom(7), perPass);
        Packetizer ground = new Packetizer(256, 0);
        byte[] frame = new byte[400];
        new SplittableRandom(8).nextBytes(frame);
        attacker.interfere(ground.segment(APID, true, 1, frame), 0); // something to imitate, no attack yet
        assertThat(attacker.injectedTotal()).isZero();
        int passes = 4000;
        List<byte[]> none = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            attacker.interfere(none, 1.0);
        }
        // Poisson with mean perPass per pass: the total is within 5 standard deviations of its mean.
        double mean = perPass * passes;
        assertThat((double) attacker.injectedTotal()).isBetween(mean - 5 * Math.sqrt(mean), mean + 5 * Math.sqrt(mean));
    }
}
