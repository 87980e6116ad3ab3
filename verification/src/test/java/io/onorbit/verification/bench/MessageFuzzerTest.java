package io.onorbit.verification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A short run of the whole-message fuzz (the benchmark runs a million): every target and kind is
 * reached, valid messages are accepted, forged, oversized and truncated ones refused, nothing escapes.
 */
class MessageFuzzerTest {

    @Test
    void validAcceptedHarmfulRefusedNothingEscapes() {
        MessageFuzzer.Report r = MessageFuzzer.run(7, 6_000);

        assertThat(r.framingFailures()).isZero();
        assertThat(r.escaped()).isZero();
        assertThat(r.harmfulAccepted()).isZero();
        assertThat(r.validRefused()).isZero();
        r.tallies().forEach((target, kinds) -> kinds.forEach((kind, t) ->
                assertThat(t.fed()).as(target + " " + kind).isPositive()));
        // Mutations that survive the checks exist: the parsers are reached, not only the framing.
        assertThat(r.sum(MessageFuzzer.Tally::accepted, MessageFuzzer.Kind.MUTATED)).isPositive();
        assertThat(r.sum(MessageFuzzer.Tally::refused, MessageFuzzer.Kind.MUTATED)).isPositive();
    }
}
