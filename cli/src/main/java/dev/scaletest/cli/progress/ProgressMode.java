package dev.scaletest.cli.progress;

import java.util.Locale;

/** {@code --progress}: how live progress is shown on stderr. */
public enum ProgressMode {
    /** A progress bar when stderr is a terminal, plain lines otherwise. */
    AUTO,
    /** A line every few seconds. */
    PLAIN,
    /** One JSON object per line. */
    JSON,
    /** Nothing. */
    NONE;

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
