package io.onorbit.verification.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same 18-run campaign gives a byte-identical results.csv on local threads and on a 2-member
 * loopback Hazelcast cluster started here, also when one member is killed mid-campaign; a campaign
 * resumes from its folder without repeating finished runs.
 */
class CampaignEnginesTest {

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final String clusterName = "onorbit-test-" + UUID.randomUUID();
    private static CampaignLoader.Campaign campaign;
    private static String localCsv;

    /** The reference: the campaign on local threads, run once for every test here. */
    @BeforeAll
    static void runLocally() throws Exception {
        Path tmp = shared;
        campaign = CampaignLoader.load(CampaignFixtures.write(tmp.resolve("c"), CampaignFixtures.CAMPAIGN_18));
        assertThat(campaign.tasks()).hasSize(18);
        CampaignFolder folder = CampaignFolder.open(tmp.resolve("local"), "pack-vs-trainer", false);
        try (LocalEngine e = new LocalEngine(2)) {
            CampaignRunner.Summary s = CampaignRunner.run(campaign, folder, e, (d, t, o) -> { });
            assertThat(s.failed()).isZero();
            assertThat(s.duplicates()).isZero();
        }
        localCsv = Files.readString(folder.dir().resolve("results.csv"));
    }

    @AfterEach
    void stopMembers() {
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void localResultsHaveOneRowPerRunWithEveryVariedValueAndSeed() {
        List<String> rows = localCsv.lines().toList();
        assertThat(rows).hasSize(19);
        assertThat(rows.get(0)).startsWith("run_id,spacecraft.power.battery.capacity_wh,learning.trainable,seed,status,"
                + "min_soc_fraction,training_energy_wh,");
        assertThat(rows.get(1)).startsWith("run-01,20,last_layer,1,ok,");
        assertThat(rows.get(18)).startsWith("run-18,77,sparse_rows,3,ok,");
        // The pack is the only thing between rows 1 and 13 (same subset, same seed): a bigger
        // battery cannot end lower in state of charge on the same load.
        double soc20 = Double.parseDouble(rows.get(1).split(",")[5]);
        double soc77 = Double.parseDouble(rows.get(13).split(",")[5]);
        assertThat(soc77).isGreaterThanOrEqualTo(soc20);
    }

    @Test
    void aTwoMemberLoopbackClusterGivesTheSameTableByteForByte() throws Exception {
        List<ClusterAddress> addresses = startMembers(2);
        CampaignFolder folder = CampaignFolder.open(tmp.resolve("cluster"), "pack-vs-trainer", false);
        Map<String, Integer> seen = new HashMap<>();
        try (ClusterEngine e = ClusterEngine.connect(addresses, clusterName)) {
            assertThat(e.slots()).isEqualTo(2);
            CampaignRunner.Summary s = CampaignRunner.run(campaign, folder, e,
                    (d, t, o) -> { if (o != null) { seen.merge(o.runId(), 1, Integer::sum); } });
            assertThat(s.failed()).isZero();
            assertThat(s.duplicates()).isZero();
        }
        assertThat(seen).hasSize(18).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(Files.readString(folder.dir().resolve("results.csv"))).isEqualTo(localCsv);
        String json = Files.readString(folder.dir().resolve("results.json"));
        assertThat(json).contains("\"member\" : \"127.0.0.1:");
    }

    @Test
    void killingOneMemberMidCampaignStillRunsEveryRunExactlyOnce() throws Exception {
        List<ClusterAddress> addresses = startMembers(2);
        CampaignFolder folder = CampaignFolder.open(tmp.resolve("killed"), "pack-vs-trainer", false);
        Map<String, Integer> seen = new HashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        HazelcastInstance victim = members.get(1);
        String victimAddress = addresses.get(1).toString();
        try (ClusterEngine e = ClusterEngine.connect(List.of(addresses.get(0)), clusterName)) {
            CampaignRunner.Summary s = CampaignRunner.run(campaign, folder, e, (d, t, o) -> {
                if (o == null) {
                    return;
                }
                seen.merge(o.runId(), 1, Integer::sum);
                if (d == 4 && killed.compareAndSet(false, true)) {
                    // The victim holds a run right now (both members are kept full): it dies under it.
                    victim.getLifecycleService().terminate();
                }
            });
            assertThat(s.failed()).isZero();
            assertThat(s.duplicates()).isZero();
            assertThat(s.ran()).isEqualTo(18);
        }
        assertThat(killed).isTrue();
        assertThat(seen).hasSize(18).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(Files.readString(folder.dir().resolve("results.csv"))).isEqualTo(localCsv);
        // Runs after the kill all ran on the survivor.
        String json = Files.readString(folder.dir().resolve("results.json"));
        assertThat(json).contains("\"member\" : \"" + addresses.get(0));
        assertThat(victimAddress).isNotEqualTo(addresses.get(0).toString());
    }

    @Test
    void aCampaignResumesFromItsFolderWithoutRepeatingFinishedRuns() throws Exception {
        Path dir = tmp.resolve("resumed");
        copyTree(shared.resolve("local"), dir);
        // As if stopped after 12 runs: six journal entries are gone, and so are the tables.
        for (int i = 13; i <= 18; i++) {
            Files.delete(dir.resolve("runs/run-" + i + ".json"));
        }
        Files.delete(dir.resolve("results.csv"));
        List<String> ran = new ArrayList<>();
        try (LocalEngine e = new LocalEngine(2)) {
            CampaignRunner.Summary s = CampaignRunner.run(campaign, CampaignFolder.open(dir, "pack-vs-trainer", false), e,
                    (d, t, o) -> { if (o != null) { ran.add(o.runId()); } });
            assertThat(s.resumed()).isEqualTo(12);
            assertThat(s.ran()).isEqualTo(6);
        }
        assertThat(ran).containsExactlyInAnyOrder("run-13", "run-14", "run-15", "run-16", "run-17", "run-18");
        assertThat(Files.readString(dir.resolve("results.csv"))).isEqualTo(localCsv);
    }

    private List<ClusterAddress> startMembers(int n) throws IOException {
        List<ClusterAddress> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addresses.add(new ClusterAddress("127.0.0.1", freePort()));
        }
        for (int i = 0; i < n; i++) {
            List<ClusterAddress> others = new ArrayList<>(addresses);
            others.remove(i);
            members.add(Hazelcast.newHazelcastInstance(ClusterSettings.member(addresses.get(i), others, 1, clusterName)));
        }
        return addresses;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
