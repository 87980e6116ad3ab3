package io.onorbit.flight.learning;

import io.onorbit.flight.learning.eval.*;
import io.onorbit.flight.learning.task.*;
import io.onorbit.flight.schedule.OnboardSchedule;

public class Scratch {
    public static void main(String[] a) {
        double days = 7;
        OnboardSchedule s = SyntheticSchedule.circular(days * 86400, 550, 20, 6);
        LearningSettings ls = LearningSettings.defaults().withProximalWeight(Double.parseDouble(a[0]))
            .withReplay(Integer.parseInt(a[1]), Integer.parseInt(a[2])).withBatchSize(Integer.parseInt(a[3])).withSubset(io.onorbit.flight.learning.model.TrainableSubset.Kind.valueOf(a[4])).withLearningRate(Double.parseDouble(a[5]));
        DriftExperiment ex = new DriftExperiment(ls, DriftExperimentSettings.defaults(), new ExactTestOptimizer(0.1));
        StringBuilder sb = new StringBuilder(String.join(" ", a));
        for (String name : new String[] {"solar", "sea", "hyper"}) {
            DriftTask task = switch (name) {
                case "solar" -> new SolarArrayTask(s, SolarArrayScenario.defaults(days * 86400 / 3));
                case "sea" -> new SeaTask(1, 10, 60, days * 86400);
                default -> HyperplaneTask.moaDefaults(1, 60, days * 86400);
            };
            DriftOutcome o = ex.run(task, s.contacts(), TrainingPower.sunlitSurplus(s, 2.0));
            sb.append(String.format(" | %s fr %.4f on %.4f gr %.4f or %.4f r90 %.0f ro %.0f mem %d", name, o.errorFrozen(), o.errorOnboard(), o.errorGroundRetrain(), o.errorOracle(), o.firstRecovery90TimeS(), o.firstRecoveryTimeS(), o.peakTrainingMemoryBytes()));
        }
        System.out.println(sb);
    }
}
