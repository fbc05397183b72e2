package io.backdrop.model;

/**
 * The team's credit counter as one feature answer reported it ({@code aiRecord.teamUser}). Either
 * figure may be missing: the API may leave {@code teamUser} out, and a figure Backdrop cannot read
 * is "not reported", never a reason to fail a row.
 *
 * @param creditLimit the team's credit limit; null when not reported
 * @param usedCredit  the team's credits used, by everyone on the team; null when not reported
 */
public record TeamCredits(Long creditLimit, Long usedCredit) {

    public static final TeamCredits NOT_REPORTED = new TeamCredits(null, null);

    /** Whether the answer reported both figures, so that what is left can be told. */
    public boolean complete() {
        return creditLimit != null && usedCredit != null;
    }

    /** Credits left to the team after this answer; null unless both figures were reported. */
    public Long left() {
        return complete() ? creditLimit - usedCredit : null;
    }
}
