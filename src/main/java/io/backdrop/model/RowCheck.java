package io.backdrop.model;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of checking one manifest row against every rule, before any API call. */
public sealed interface RowCheck permits RowCheck.Valid, RowCheck.Rejected {

    /** The row keeps every rule; the plan is what will be sent. */
    record Valid(RowPlan plan) implements RowCheck {
    }

    /**
     * The row breaks at least one rule; it costs no API call.
     *
     * @param id         the row's id with the default applied ("" when there is none to give)
     * @param image      the image cell as written
     * @param violations every rule the row breaks, in column order
     */
    record Rejected(ManifestRow source, String id, String image, List<Violation> violations) implements RowCheck {

        public Rejected {
            violations = List.copyOf(violations);
        }

        /** "row 3 (line 4): size '1000x1000': width and height must both be divisible by 16; quality 'best': ..." */
        public String message() {
            return "row " + source.row() + " (line " + source.line() + "): "
                    + violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
        }
    }
}
