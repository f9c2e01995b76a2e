/**
 * Records for Coder's API bodies, each naming the OpenAPI definition it mirrors
 * ({@link dev.scaletest.coder.model.ApiDefinition}). Only the fields scaletest reads are modelled;
 * unknown fields are ignored and enum-like values are kept as strings with constants and helper
 * methods, so newer coderd versions never break parsing. Read and write them with
 * {@link dev.scaletest.coder.model.CoderJson#newMapper()}.
 *
 * <p>May import no other {@code dev.scaletest} package (the JDK and Jackson only). The simulator
 * has its own records for the same bodies: client and server share no model class.
 */
package dev.scaletest.coder.model;
