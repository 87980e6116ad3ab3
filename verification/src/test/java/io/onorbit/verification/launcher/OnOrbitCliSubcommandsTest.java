package io.onorbit.verification.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The launcher builds only the subcommand it runs: the name it looks for must be the name the
 * command declares, and anything else (root options only, help, a misspelling) gets them all.
 */
class OnOrbitCliSubcommandsTest {

    @Test
    void everyRegisteredCommandIsFoundByItsDeclaredName() {
        CommandLine all = OnOrbitCli.commandLine();
        for (String name : all.getSubcommands().keySet()) {
            if (name.equals("help")) {
                assertThat(OnOrbitCli.subcommandOf(new String[] {name})).isEmpty();
                continue;
            }
            assertThat(OnOrbitCli.subcommandOf(new String[] {"--quiet", name, "x.yaml"})).contains(name);
        }
        assertThat(all.getSubcommands()).containsKeys("plan", "simulate", "soak", "power", "review", "experiment",
                "campaign", "worker");
    }

    @Test
    void rootOptionsHelpAndUnknownWordsGetEveryCommand() {
        assertThat(OnOrbitCli.subcommandOf(new String[] {})).isEqualTo(Optional.empty());
        assertThat(OnOrbitCli.subcommandOf(new String[] {"--help"})).isEmpty();
        assertThat(OnOrbitCli.subcommandOf(new String[] {"plna", "m.yaml"})).isEmpty();
        assertThat(OnOrbitCli.subcommandOf(new String[] {"help", "plan"})).isEmpty();
    }
}
