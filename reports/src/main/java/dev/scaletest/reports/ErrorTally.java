package dev.scaletest.reports;

import dev.scaletest.errors.ErrorClass;


/** How often one class of error happened, with the first example and the run it came from. */
public record ErrorTally(ErrorClass errorClass, long count, String example, String firstRun) {}
