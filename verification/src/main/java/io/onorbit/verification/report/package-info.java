/**
 * Mission reports: {@code summary.json} (the numbers), {@code index.html} with PNG plots drawn by
 * XChart (state of charge and envelope, contact and eclipse timeline, training energy per orbit,
 * prequential errors, delta bytes per pass), written atomically: everything goes into a
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
