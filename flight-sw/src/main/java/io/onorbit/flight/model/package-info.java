/**
 * Model identity shared by both ends of the link: a parameter vector's version number and its
 * SHA-256 digest, so that a weight delta can name the exact base it was computed against.
 */
package io.onorbit.flight.model;
