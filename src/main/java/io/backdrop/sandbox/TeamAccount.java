package io.backdrop.sandbox;

import java.util.Map;
import java.util.Objects;

/**
 * The sandbox team's credits: what {@code teamUser} reports on each feature answer.
 *
 * @param creditLimit  the team's limit; a call that would take the used credits past it is answered 402
 * @param usedCredit   the credits the team has used when the sandbox starts
 * @param costs        what a paid call costs, by quality ({@code low}, {@code medium}, {@code high});
 *                     a quality not listed costs nothing
 * @param reported     false to leave {@code teamUser} out of every answer, as an API might
 */
public record TeamAccount(long creditLimit, long usedCredit, Map<String, Long> costs, boolean reported) {

    /** A large team balance, with high quality sixteen times the price of low, as a real price list might be. */
    public static final TeamAccount DEFAULT = new TeamAccount(100_000_000L, 0,
            Map.of("low", 1_000L, "medium", 4_000L, "high", 16_000L), true);

    public TeamAccount {
        Objects.requireNonNull(costs, "costs");
        costs = Map.copyOf(costs);
        if (creditLimit < 0 || usedCredit < 0 || costs.values().stream().anyMatch(cost -> cost < 0)) {
            throw new IllegalArgumentException("the credit limit, the used credits and the costs must not be negative");
        }
    }

    long cost(String quality) {
        return costs.getOrDefault(quality, 0L);
    }
}
