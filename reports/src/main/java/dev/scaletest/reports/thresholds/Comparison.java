package dev.scaletest.reports.thresholds;

/** How the observed value must relate to the threshold's bound to pass. */
public enum Comparison {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double observed, double bound) {
        return switch (this) {
            case LT -> observed < bound;
            case LE -> observed <= bound;
            case GT -> observed > bound;
            case GE -> observed >= bound;
        };
    }

    /** True for {@code <} and {@code <=}: a ceiling that a live run can already break. */
    public boolean isUpperBound() {
        return this == LT || this == LE;
    }

    static Comparison parse(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        return null;
    }
}
