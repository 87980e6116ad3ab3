package io.onorbit.flight.learning.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTaskTest {

    @TempDir
    Path dir;

    @Test
    void readsRowsInOrder() throws Exception {
        Path f = dir.resolve("telemetry.csv");
        Files.writeString(f, "time_s,a,b,label\n# comment\n0,1,2,3\n\n60,4,5,6\n");
        CsvTask task = CsvTask.open(f);
        float[] x = new float[2];
        assertThat(task.featureCount()).isEqualTo(2);
        assertThat(task.next(x)).isEqualTo(3f);
        assertThat(x).containsExactly(1f, 2f);
        assertThat(task.next(x)).isEqualTo(6f);
        assertThat(task.timeS()).isEqualTo(60.0);
        assertThat(task.hasNext()).isFalse();
        assertThat(task.knowsConcept()).isFalse();
    }

    @Test
    void badRowsAreOneLineWithTheLineNumber() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time_s,a,label\n0,1,2\n60,x,3\n");
        assertThatThrownBy(() -> CsvTask.open(f)).isInstanceOf(TaskDataException.class)
                .hasMessageContaining("bad.csv: line 3: column 2 'x' is not a finite number")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.writeString(f, "time_s,a,label\n0,1,2\n60,3\n");
        assertThatThrownBy(() -> CsvTask.open(f)).hasMessageContaining("line 3: expected 3 columns, found 2");
        Files.writeString(f, "time_s,a,label\n60,1,2\n0,3,4\n");
        assertThatThrownBy(() -> CsvTask.open(f)).hasMessageContaining("line 3: time_s 0.0 goes back in time");
        Files.writeString(f, "t,a,y\n0,1,2\n");
        assertThatThrownBy(() -> CsvTask.open(f)).hasMessageContaining("line 1: header must be");
    }
}
