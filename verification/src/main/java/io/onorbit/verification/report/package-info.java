/**
 * Mission reports: {@code summary.json} (the numbers) and {@code index.html}, one self-contained
 * page (plots embedded as PNG data drawn by XChart and Java2D; no script, no server, nothing
 * fetched) that leads with answers (model error change with its metric, training energy and duty,
 * link bytes against pass capacity, rejections with reasons, faults and their effects), then
 * plots that stay readable from 1 to 1000 satellites (spread or histograms past a handful, a
 * whole-mission contact and umbra timeline by station with UTC ticks), then one table row per
 * satellite. {@link io.onorbit.verification.report.Reasons} turns reason keys into plain words.
 * Written atomically: everything goes into a
 * temporary sibling folder that is renamed into place only when complete, so a folder named as
 * the output is never a partial one. A committed folder carries the marker {@code .onorbit-output}
 * listing the files OnOrbit wrote, so a later run can tell its own output from a user's folder;
 * files are created with the user's umask (0644/0755 under 022), not owner-only.
 *
 * <p>A quantity whose stage did not run is written as JSON {@code null} and its plot is replaced
 * by a line saying which stage was missing; no number is ever made up. Times in files a person
 * reads are ISO-8601 UTC; JSON fields carry their unit in the name.
 */
package io.onorbit.verification.report;
