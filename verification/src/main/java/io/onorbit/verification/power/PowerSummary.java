package io.onorbit.verification.power;

/**
 * Whole-span figures of one satellite's power budget under the training envelope, against the
 * perfect-knowledge oracle.
 *
 * @param satellite               satellite name
 * @param stepS                   grid step, s
 * @param minSoc                  lowest state of charge, fraction of capacity
 * @param socFloor                hard floor, fraction of capacity
 * @param marginSoc               margin the envelope keeps above the floor, fraction of capacity
 * @param floorViolations         steps in which a load was refused at the floor or a rate limit
 * @param trainingEnergyWh        energy the envelope gave to training, Wh
 * @param oracleTrainingEnergyWh  the most any policy could give with perfect knowledge, Wh
 * @param generatedWh             array output, Wh
 * @param loadWh                  non-training loads served, Wh
 * @param lossWh                  battery conversion and fade losses, Wh
 * @param spilledWh               array output neither used nor stored, Wh
 * @param finalSoc                state of charge at the end
 */
public record PowerSummary(String satellite, double stepS, double minSoc, double socFloor, double marginSoc,
                           long floorViolations, double trainingEnergyWh, double oracleTrainingEnergyWh,
                           double generatedWh, double loadWh, double lossWh, double spilledWh, double finalSoc) {

    /** @return training energy over the oracle's (1 when the oracle has nothing to give) */
    public double harvestRatio() {
        return oracleTrainingEnergyWh > 0 ? trainingEnergyWh / oracleTrainingEnergyWh : 1.0;
    }
}
