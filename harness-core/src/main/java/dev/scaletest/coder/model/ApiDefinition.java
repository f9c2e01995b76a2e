package dev.scaletest.coder.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the definition in Coder's OpenAPI file ({@code swagger.json}) that a model record mirrors,
 * so contract tests can check field names and request bodies against it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiDefinition {
    /** The definition key, e.g. {@code codersdk.Workspace}. */
    String value();
}
