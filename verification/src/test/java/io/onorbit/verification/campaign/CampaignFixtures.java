package io.onorbit.verification.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny missions and campaigns for the tests: short spans and a coarse step keep each run well under a second. */
final class CampaignFixtures {

    static final String MISSION = """
            mission: tiny
            start: 2026-06-21T00:00:00Z
            duration: PT1H
            seed: 7
            satellites:
              - name: sat-1
                tle:
                  - "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995"
                  - "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16"
            ground_stations:
              - name: svalbard
                latitude_deg: 78.229
                longitude_deg: 15.389
                altitude_m: 500
                min_elevation_deg: 5
            simulation:
              step_s: 60
            """;

    /** 3 packs x 2 trainable subsets x 3 seeds = 18 runs. */
    static final String CAMPAIGN_18 = """
            campaign: pack-vs-trainer
            mission: tiny.yaml
            days: 0.01
            seeds: [1, 2, 3]
            vary:
              spacecraft.power.battery.capacity_wh: [20, 40, 77]
              learning.trainable: [last_layer, sparse_rows]
            """;

    private CampaignFixtures() {
    }

    /** Writes the tiny mission and a campaign file into {@code dir}; @return the campaign file */
    static Path write(Path dir, String campaign) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tiny.yaml"), MISSION);
            Path c = dir.resolve("campaign.yaml");
            Files.writeString(c, campaign);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
