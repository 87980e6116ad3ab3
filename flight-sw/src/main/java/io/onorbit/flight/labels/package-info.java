/**
 * The file spelling of enum constants (mission files, the command line): one rule for every enum a user
 * names, {@link io.onorbit.flight.labels.FileLabels}.
 */
package io.onorbit.flight.labels;
