package io.onorbit.flight.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileLabelsTest {

    enum Rule { FEDAVG, TRIMMED_MEAN }

    @Test
    void constantsAreSpelledInLowerCaseWithHyphensAndReadBackLeniently() {
        assertThat(FileLabels.of(Rule.TRIMMED_MEAN)).isEqualTo("trimmed-mean");
        assertThat(FileLabels.parse(Rule.class, "trimmed-mean")).isEqualTo(Rule.TRIMMED_MEAN);
        assertThat(FileLabels.parse(Rule.class, "Trimmed_Mean")).isEqualTo(Rule.TRIMMED_MEAN);
        assertThat(FileLabels.parse(Rule.class, "FEDAVG")).isEqualTo(Rule.FEDAVG);
        assertThatThrownBy(() -> FileLabels.parse(Rule.class, "mean")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'mean' is not one of fedavg, trimmed-mean");
    }
}
