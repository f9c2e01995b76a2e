package dev.scaletest.coder.model;

import java.util.List;

/**
 * A rich parameter of a template version. {@code validation_min}/{@code validation_max} are
 * nullable on the wire, hence boxed.
 */
@ApiDefinition("codersdk.TemplateVersionParameter")
public record TemplateVersionParameter(
        String name,
        String displayName,
        String description,
        String type,
        String formType,
        boolean mutable,
        String defaultValue,
        String icon,
        List<TemplateVersionParameterOption> options,
        String validationError,
        String validationRegex,
        Integer validationMin,
        Integer validationMax,
        String validationMonotonic,
        boolean required,
        boolean ephemeral) {

    public static final String TYPE_STRING = "string";
    public static final String TYPE_NUMBER = "number";
    public static final String TYPE_BOOL = "bool";
    public static final String TYPE_LIST_STRING = "list(string)";

    public TemplateVersionParameter {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
