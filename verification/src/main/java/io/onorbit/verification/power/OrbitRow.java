package io.onorbit.verification.power;

/**
 * The power budget over one orbit (from one eclipse entry to the next).
 *
 * @param orbit        orbit number, from 0
 * @param startS       start, s since the schedule epoch
 * @param endS         end, s since the schedule epoch
 * @param sunlitS      time outside any eclipse (penumbra included in eclipse), s
 * @param eclipseS     time in penumbra or umbra, s
 * @param generatedWh  array output, Wh
 * @param consumedWh   energy used by all loads including training, Wh
 * @param trainingWh   energy used by training, Wh
 * @param minSoc       lowest state of charge at a step end, fraction of capacity
 */
public record OrbitRow(int orbit, double startS, double endS, double sunlitS, double eclipseS, double generatedWh,
                       double consumedWh, double trainingWh, double minSoc) {
}
