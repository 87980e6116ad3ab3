package io.onorbit.verification.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of DESIGN.md as rules over the compiled production classes of every module, so
 * that a package cycle or a forbidden arrow between modules cannot come back unnoticed. Maven's
 * module graph already forbids some arrows (orbit-sim cannot see flight-sw); these rules state
 * the ones Maven cannot: cycles between packages inside a module, and flight-sw never touching
 * Orekit even though Orekit is on verification's class path.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.onorbit");
    }

    @Test
    void everyModuleIsImported() {
        // A rule over an empty set passes trivially: make sure all four modules are really here.
        for (String pkg : new String[] {"io.onorbit.orbit", "io.onorbit.flight", "io.onorbit.ground",
                "io.onorbit.verification"}) {
            org.assertj.core.api.Assertions.assertThat(production.stream()
                    .anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.onorbit.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void flightSoftwareNeverUsesOrbitalMechanicsOrOtherModules() {
        noClasses().that().resideInAPackage("io.onorbit.flight..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.orekit..", "io.onorbit.orbit..", "io.onorbit.ground..",
                        "io.onorbit.verification..")
                .because("flight-sw is what runs on the spacecraft: no Orekit, no ground, no simulator")
                .check(production);
    }

    @Test
    void orbitSimulationStandsAlone() {
        noClasses().that().resideInAPackage("io.onorbit.orbit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.onorbit.flight..", "io.onorbit.ground..", "io.onorbit.verification..")
                .check(production);
    }

    @Test
    void groundSegmentNeverReachesIntoTheSimulator() {
        noClasses().that().resideInAPackage("io.onorbit.ground..")
                .should().dependOnClassesThat().resideInAnyPackage("io.onorbit.verification..")
                .because("ground logic lives in ground-segment; verification only drives it")
                .check(production);
    }

    @Test
    void theYamlTreeStopsAtTheLoaders() {
        // A mission is read once into typed sections; only the readers see YAML. The simulator
        // reads its own simulation section, a faults file and a campaign file; the compression
        // study reads its own link.experiment settings, the drift study its learning.experiment.
        noClasses().that().resideOutsideOfPackage("io.onorbit.ground.config..")
                .and().doNotHaveFullyQualifiedName("io.onorbit.verification.sim.MissionFile")
                .and().doNotHaveFullyQualifiedName("io.onorbit.verification.sim.SimulationSettings")
                .and().doNotHaveFullyQualifiedName("io.onorbit.verification.soak.FaultPlan")
                .and().doNotHaveFullyQualifiedName("io.onorbit.verification.compression.CompressionExperimentSettings")
                .and().doNotHaveFullyQualifiedName("io.onorbit.verification.learning.DriftExperimentSettings")
                .and().resideOutsideOfPackage("io.onorbit.verification.campaign..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.onorbit.ground.config.ConfigNode")
                .because("every mission section is parsed exactly once, by its reader, at load")
                .check(production);
    }

    /** Station link rates are the ground's (ground.config.StationLink); orbit-sim never used them. */
    static final ArchRule NO_LINK_RATES_IN_ORBIT_SIM = noFields().that().areDeclaredInClassesThat()
            .resideInAPackage("io.onorbit.orbit..")
            .should().haveNameMatching(".*(Bps|BitRate|Rate)$")
            .because("link rates belong to the ground and its link, not to flight dynamics");

    /** The one lighting curve (interpolation and mean) is flight-sw's LightingProfile. */
    static final ArchRule NO_LIGHTING_CURVE_IN_ORBIT_SIM = noMethods().that().areDeclaredInClassesThat()
            .resideInAPackage("io.onorbit.orbit..")
            .should().haveNameMatching("ratioAt|meanRatio|meanLightingRatio")
            .because("the lighting curve through orbit-sim's samples is implemented once, in flight-sw");

    /** Sparse indices with float values are SparseVector; a type that needs them holds one. */
    static final ArchRule ONE_SPARSE_VECTOR_TYPE = classes()
            .that().containAnyFieldsThat(field("indices", int[].class))
            .and().containAnyFieldsThat(field("values", float[].class))
            .should().haveFullyQualifiedName("io.onorbit.flight.learning.model.SparseVector")
            .because("one immutable, validated sparse vector type carries sparse parameter values");

    /**
     * A YAML tree is walked while a file loads, never kept: no field (raw or generic, e.g.
     * {@code Optional<ConfigNode>}) holds one, except the tree's own links. So no section travels
     * unread past the loader to be parsed again later.
     */
    static final ArchRule NO_KEPT_YAML_TREE = noFields().that(DescribedPredicate.describe("are not ConfigNode's own",
                    (JavaField f) -> !f.getOwner().getName().equals("io.onorbit.ground.config.ConfigNode")))
            .should(com.tngtech.archunit.lang.conditions.ArchConditions.have(DescribedPredicate.describe(
                    "a type involving ConfigNode", (JavaField f) -> f.getType().getAllInvolvedRawTypes().stream()
                            .anyMatch(t -> t.getName().equals("io.onorbit.ground.config.ConfigNode")))))
            .because("every mission section is read into its typed value at load; a kept tree would be parsed again");

    /**
     * The budget is stepped in two places only: flight.power's PowerRun (the one loop under a
     * TrainingPolicy, for the power command, the studies and the benchmarks) and the simulator's
     * physics (FlightPowerStage: the closed loop, where the flight executive asks the envelope).
     */
    static final ArchRule ONE_BUDGET_LOOP = noClasses().that().doNotHaveFullyQualifiedName("io.onorbit.flight.power.PowerRun")
            .and().doNotHaveFullyQualifiedName("io.onorbit.flight.power.PowerBudget")
            .and().doNotHaveFullyQualifiedName("io.onorbit.verification.sim.modules.FlightPowerStage")
            .should().callMethodWhere(DescribedPredicate.describe("PowerBudget.step or advance",
                    (com.tngtech.archunit.core.domain.JavaMethodCall c) -> c.getTargetOwner().getName()
                            .equals("io.onorbit.flight.power.PowerBudget")
                            && (c.getName().equals("step") || c.getName().equals("advance"))))
            .because("one loop drives the budget under a training policy (PowerRun); the closed loop steps it as physics");

    /** Optimizers are the engines and the one forwarding wrapper that meters them (ObservedOptimizer). */
    static final ArchRule ONE_OPTIMIZER_WRAPPER = classes().that().implement("io.onorbit.flight.optimizer.Optimizer")
            .should().resideInAPackage("io.onorbit.flight.optimizer")
            .because("a meter at the optimizer interface is a listener on ObservedOptimizer, not another wrapper");

    private static DescribedPredicate<JavaField> field(String name, Class<?> type) {
        return DescribedPredicate.describe(type.getSimpleName() + " " + name,
                f -> f.getName().equals(name) && f.getRawType().isEquivalentTo(type));
    }

    @Test
    void orbitSimulationCarriesNoLinkRates() {
        NO_LINK_RATES_IN_ORBIT_SIM.check(production);
    }

    @Test
    void orbitSimulationSamplesLightingButDoesNotInterpolateIt() {
        NO_LIGHTING_CURVE_IN_ORBIT_SIM.check(production);
    }

    @Test
    void oneSparseVectorType() {
        ONE_SPARSE_VECTOR_TYPE.check(production);
    }

    @Test
    void oneLoopStepsTheBudget() {
        ONE_BUDGET_LOOP.check(production);
    }

    @Test
    void optimizersLiveWithTheEngines() {
        ONE_OPTIMIZER_WRAPPER.check(production);
    }

    @Test
    void noYamlTreeIsKept() {
        NO_KEPT_YAML_TREE.check(production);
    }

    @Test
    void theNewRulesCatchWhatTheyForbid() {
        // Each rule over a class that commits exactly its violation (test fixtures, see their package).
        JavaClasses fixtures = new ClassFileImporter().importClasses(
                io.onorbit.orbit.archfixture.StationWithRates.class, io.onorbit.orbit.archfixture.OwnLightingCurve.class,
                io.onorbit.orbit.archfixture.SparsePair.class, io.onorbit.orbit.archfixture.KeptTree.class,
                io.onorbit.orbit.archfixture.OwnBudgetLoop.class, io.onorbit.orbit.archfixture.OwnSolveMeter.class);
        org.assertj.core.api.Assertions.assertThat(NO_LINK_RATES_IN_ORBIT_SIM.evaluate(fixtures).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(NO_LIGHTING_CURVE_IN_ORBIT_SIM.evaluate(fixtures).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(ONE_SPARSE_VECTOR_TYPE.evaluate(fixtures).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(NO_KEPT_YAML_TREE.evaluate(fixtures).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(ONE_BUDGET_LOOP.evaluate(fixtures).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(ONE_OPTIMIZER_WRAPPER.evaluate(fixtures).hasViolation()).isTrue();
    }
}
