package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names from a mission file never steer an output outside the folder chosen for it. */
class OutputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "..", ".", "/etc/passwd", "a/../../b", "C:\\\\Windows", "", " ", ".hidden", "ok-name_1.2",
        "line\nbreak", "nul\0byte", "über"})
    void aSanitisedNameIsOneHarmlessSegmentInsideTheChosenFolder(String name) {
        String safe = Outputs.safeName(name);
        Path root = Path.of("onorbit-out");
        Path resolved = root.resolve(safe).normalize();

        assertThat(safe).matches("[A-Za-z0-9_][A-Za-z0-9._-]*");
        assertThat(resolved.getParent()).isEqualTo(root);
        if (name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            assertThat(safe).isEqualTo(name); // a plain name is kept as the user wrote it
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomNamesStayInside(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 2000; k++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(1, 12);
            for (int i = 0; i < n; i++) {
                b.append("./\\.a\0\n:~*".charAt(r.nextInt(10)));
            }
            Path resolved = Path.of("onorbit-out").resolve(Outputs.safeName(b.toString())).normalize();
            assertThat(resolved.getParent()).as(b.toString()).isEqualTo(Path.of("onorbit-out"));
        }
    }
}
