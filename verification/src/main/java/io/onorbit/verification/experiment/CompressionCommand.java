package io.onorbit.verification.experiment;

import io.onorbit.verification.compression.CompressionExperiment;
import io.onorbit.verification.compression.CompressionExperimentSettings;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.compression.TeacherNetworkProblem;
import io.onorbit.verification.compression.OnboardNetworkProblem;
import io.onorbit.verification.compression.FederatedProblem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.verification.cli.UserInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.onorbit.verification.cli.CommonOptions;
import io.onorbit.verification.cli.MissionOptions;
import io.onorbit.verification.cli.Outputs;
import io.onorbit.verification.cli.TextOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code onorbit experiment compression MISSION.yaml}: delta bytes against task error over top-k
 * (10%, 1%, 0.1%) x bits (8, 4, 2, 1) x error feedback on/off, against uncompressed float32 deltas.
 */
@Command(name = "compression", mixinStandardHelpOptions = true,
        description = "Delta size vs accuracy: top-k x bits x error feedback against uncompressed deltas.")
public final class CompressionCommand implements Callable<Integer> {

    /** Relative task-error increase the goal allows. */
    static final double ERROR_BUDGET = 0.01;
    /** Compression the goal asks for. */
    static final double RATIO_GOAL = 100;

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--rounds", paramLabel = "N", description = "Federated rounds (default: link.experiment.rounds).")
    Integer rounds;

    @Option(names = "--hidden-width", paramLabel = "N",
            description = "Hidden width of the network (default: link.experiment.hidden_width).")
    Integer hiddenWidth;

    /** Which model and task the study runs. */
    enum Model {
        /** A one-hidden-layer network of link.experiment.hidden_width regressing a teacher network. */
        TEACHER,
        /** The mission's onboard network (learning.model.hidden_layers) on the hyperplane stream. */
        ONBOARD
    }

    @Option(names = "--model", defaultValue = "teacher",
            description = "teacher (16 x hidden_width network, the default) or onboard (the learning section's network).")
    Model model;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Task seeds each point is averaged over (default: link.experiment.seeds).")
    Integer seeds;

    @Mixin
    CommonOptions.TableOrJson format;

    @Mixin
    CommonOptions.OutFile out;

    @picocli.CommandLine.Mixin
    Outputs.Force force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Inputs of the study taken from the mission file. */
    record Inputs(String mission, long seed, int clients, int rounds, int localSteps, int hiddenWidth, int seeds) {
    }

    static Inputs inputs(MissionFile file, Integer roundsOverride, Integer hiddenOverride, Integer seedsOverride) {
        MissionConfig mission = file.config();
        CompressionExperimentSettings e = file.compressionExperiment();
        // Walker constellations count as their expanded satellites.
        int clients = e.clients() > 0 ? e.clients() : Math.max(2, mission.satellites().size());
        long seed = mission.seed();
        String name = mission.name();
        if (roundsOverride != null && (roundsOverride < 1 || roundsOverride > 100_000)) {
            throw new UserInputException("--rounds " + roundsOverride + " must be in [1, 100000]");
        }
        if (hiddenOverride != null && (hiddenOverride < 1 || hiddenOverride > 4096)) {
            throw new UserInputException("--hidden-width " + hiddenOverride + " must be in [1, 4096]");
        }
        if (seedsOverride != null && (seedsOverride < 1 || seedsOverride > 100)) {
            throw new UserInputException("--seeds " + seedsOverride + " must be in [1, 100]");
        }
        return new Inputs(name, seed, clients, roundsOverride != null ? roundsOverride : e.rounds(), e.localSteps(),
                hiddenOverride != null ? hiddenOverride : e.hiddenWidth(), seedsOverride != null ? seedsOverride : e.seeds());
    }

    /** Features of the experiment's task. */
    static final int INPUTS = 16;
    /** SGD step size of the clients. */
    static final double LEARNING_RATE = 0.05;

    @Override
    public Integer call() {
        boolean asJson = format.json("experiment compression");
        MissionFile file = missionOptions.loadFile();
        MissionConfig config = file.config();
        if (out.file().isPresent()) {
            Outputs.checkFile("--out", out.file().get(), force.on(), missionOptions.inputs());
        }
        Inputs in = inputs(file, rounds, hiddenWidth, seeds);
        List<FederatedProblem> problems = new ArrayList<>();
        int[] onboardHidden = model == Model.ONBOARD
                ? config.learning().trainer().hiddenLayers() : null;
        for (int k = 0; k < in.seeds(); k++) {
            problems.add(model == Model.ONBOARD ? new OnboardNetworkProblem(onboardHidden, in.clients(), in.seed() + k)
                    : new TeacherNetworkProblem(INPUTS, in.hiddenWidth(), in.clients(), in.localSteps(), LEARNING_RATE,
                    in.seed() + k));
        }
        List<io.onorbit.flight.delta.CompressionSettings> sweep = CompressionExperiment.sweep();
        io.onorbit.verification.cli.ProgressBar bar = io.onorbit.verification.cli.ProgressBar.start("experiment compression", spec,
                io.onorbit.verification.cli.ProgressBar.Mode.of(spec), sweep.size() + 1, " settings", 1);
        CompressionExperiment.Result r;
        try (var stop = io.onorbit.verification.cli.StopNotice.register(spec.commandLine().getErr(), bar,
                () -> "nothing was written (the results are printed only when every setting has run)")) {
            r = CompressionExperiment.run(problems, in.rounds(), sweep, bar::stepTo);
        } finally {
            bar.finish();
        }
        String text = asJson ? json(in, r) : table(in, r);
        TextOutput.write(text, out.file().orElse(null), spec.commandLine().getOut());
        return 0;
    }

    /** @return the best ratio among the points within the error budget, or null */
    static CompressionExperiment.Run best(CompressionExperiment.Result r) {
        CompressionExperiment.Run best = null;
        for (CompressionExperiment.Run p : r.points()) {
            if (r.relativeErrorIncrease(p) <= ERROR_BUDGET && (best == null || r.ratio(p) > r.ratio(best))) {
                best = p;
            }
        }
        return best;
    }

    static String json(Inputs in, CompressionExperiment.Result r) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("mission", in.mission());
        root.put("seed", in.seed());
        root.put("seeds_averaged", in.seeds());
        root.put("problem", r.problem());
        root.put("parameters", r.parameters());
        root.put("clients", r.clients());
        root.put("rounds", r.rounds());
        root.put("dense_float32_bytes", r.denseFloat32Bytes());
        ObjectNode base = root.putObject("baseline");
        base.put("bytes", r.baseline().meanBytesPerDelta());
        base.put("error", r.baseline().error());
        ArrayNode points = root.putArray("points");
        for (CompressionExperiment.Run p : r.points()) {
            ObjectNode o = points.addObject();
            o.put("top_k_fraction", p.settings().topKFraction());
            o.put("bits", p.settings().bits());
            o.put("error_feedback", p.settings().errorFeedback());
            o.put("bytes", p.meanBytesPerDelta());
            o.put("ratio", r.ratio(p));
            o.put("error", p.error());
            o.put("relative_error_increase", r.relativeErrorIncrease(p));
            o.put("meets_goal", r.ratio(p) >= RATIO_GOAL && r.relativeErrorIncrease(p) <= ERROR_BUDGET);
        }
        CompressionExperiment.Run b = best(r);
        if (b != null) {
            ObjectNode o = root.putObject("best_within_1pct");
            o.put("top_k_fraction", b.settings().topKFraction());
            o.put("bits", b.settings().bits());
            o.put("error_feedback", b.settings().errorFeedback());
            o.put("ratio", r.ratio(b));
            o.put("relative_error_increase", r.relativeErrorIncrease(b));
        }
        try {
            return m.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String table(Inputs in, CompressionExperiment.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "compression study: mission %s, seeds %d..%d (errors averaged)%n%s%n"
                        + "%d parameters, dense float32 delta %d bytes, %d rounds%n%n", in.mission(), in.seed(),
                in.seed() + in.seeds() - 1, r.problem(), r.parameters(), r.denseFloat32Bytes(), r.rounds()));
        s.append(String.format(Locale.ROOT, "%-8s %4s %3s %10s %8s %10s %9s%n", "top-k", "bits", "EF", "bytes",
                "ratio", "error", "vs base"));
        s.append(String.format(Locale.ROOT, "%-8s %4s %3s %10.0f %8.1f %10.5f %9s%n", "100%", "f32", "-",
                r.baseline().meanBytesPerDelta(), r.denseFloat32Bytes() / r.baseline().meanBytesPerDelta(),
                r.baseline().error(), "baseline"));
        for (CompressionExperiment.Run p : r.points()) {
            boolean goal = r.ratio(p) >= RATIO_GOAL && r.relativeErrorIncrease(p) <= ERROR_BUDGET;
            s.append(String.format(Locale.ROOT, "%-8s %4d %3s %10.0f %8.1f %10.5f %+8.2f%%%s%n",
                    pct(p.settings().topKFraction()), p.settings().bits(), p.settings().errorFeedback() ? "on" : "off",
                    p.meanBytesPerDelta(), r.ratio(p), p.error(), 100 * r.relativeErrorIncrease(p), goal ? " *" : ""));
        }
        CompressionExperiment.Run b = best(r);
        s.append(System.lineSeparator());
        if (b == null) {
            s.append("no setting stays within 1% of the baseline error").append(System.lineSeparator());
        } else {
            s.append(String.format(Locale.ROOT, "best within 1%% error: top-k %s, %d bits, EF %s: %.1fx fewer bytes, "
                            + "%+.2f%% error%s%n", pct(b.settings().topKFraction()), b.settings().bits(),
                    b.settings().errorFeedback() ? "on" : "off", r.ratio(b), 100 * r.relativeErrorIncrease(b),
                    r.ratio(b) >= RATIO_GOAL ? " (goal of 100x met; * marks every point that meets it)" : " (below the 100x goal)"));
        }
        return s.toString();
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
