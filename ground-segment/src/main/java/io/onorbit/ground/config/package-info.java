/**
 * Mission files: YAML read into validated value types of every module. {@link
 * io.onorbit.ground.config.ConfigNode} walks the tree keeping the file name and the field path,
 * so that every bad value is reported as one line: {@code file: path: reason}.
 *
 * <p>Each section (satellites, ground stations, spacecraft power, learning, link, ...) has its
 * own reader in this package; a new section is one new reader and one new field on the mission.
 */
package io.onorbit.ground.config;
