package io.backdrop.api;

import io.backdrop.model.TeamCredits;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code creditLimit} and {@code usedCredit} from an answer's {@code teamUser}. The answer
 * carries a paid result, so nothing here may fail: a missing, null or unreadable figure (a
 * string of words, a fraction, an object) is "not reported", each figure on its own.
 */
final class TeamUserCredits {

    private TeamUserCredits() {
    }

    static TeamCredits of(JsonNode teamUser) {
        if (teamUser == null || !teamUser.isObject()) {
            return TeamCredits.NOT_REPORTED;
        }
        return new TeamCredits(whole(teamUser.get("creditLimit")), whole(teamUser.get("usedCredit")));
    }

    /** A whole, non-negative number, given as a JSON number or a numeric string; otherwise null. */
    private static Long whole(JsonNode figure) {
        if (figure == null) {
            return null;
        }
        BigDecimal value;
        try {
            if (figure.isNumber()) {
                value = figure.decimalValue();
            } else if (figure.isString()) {
                value = new BigDecimal(figure.stringValue().trim());
            } else {
                return null;
            }
            long whole = value.longValueExact();
            return whole >= 0 ? whole : null;
        } catch (ArithmeticException | NumberFormatException notAWholeNumber) {
            return null;
        }
    }
}
