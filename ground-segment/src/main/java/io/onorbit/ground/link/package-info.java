/**
 * The ground end of the space link: {@link io.onorbit.ground.link.GroundLink} runs the ground side
 * of the protocol that {@code flight.link} defines (CCSDS Space Packets, selective-repeat NACKs,
 * acknowledgements, model updates re-offered at each pass until acknowledged), one per satellite.
 * Each whole delta message goes through the ground's own ingest path
 * ({@link io.onorbit.ground.ingest.Ingest}: authentication, bounded decoding, review flags,
 * archive) and is acknowledged only after ingest reports it committed to the archive, so a ground
 * crash never loses a delta that the spacecraft was allowed to delete. Times are seconds since
 * the schedule's epoch; sizes in octets.
 */
package io.onorbit.ground.link;
