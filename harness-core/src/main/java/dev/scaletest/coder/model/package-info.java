/**
 * Records for Coder's API bodies, each naming the OpenAPI definition it mirrors
 * ({@link dev.scaletest.coder.model.ApiDefinition}). Only the fields scaletest reads are modelled;
 * unknown fields are ignored and enum-like values are kept as strings with constants and helper
 * methods, so newer coderd versions never break parsing. Read and write them with
 * {@link dev.scaletest.coder.model.CoderJson#newMapper()}.
 */
package dev.scaletest.coder.model;
