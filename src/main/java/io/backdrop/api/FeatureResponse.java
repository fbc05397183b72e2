package io.backdrop.api;

import io.backdrop.model.TeamCredits;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The parts of the feature call's answer that Backdrop reads; every other field is ignored. */
public record FeatureResponse(AiRecord aiRecord) {

    public static final String SUCCESS = "SUCCESS";

    /**
     * @param teamUser kept as a tree: the team's credit state is read leniently (see
     *                 {@link TeamUserCredits}), since a surprise there must never fail a paid result
     */
    public record AiRecord(String uuid, String model, String type, String status, String createdAt,
                           AiRecordDetail aiRecordDetail, String temporaryUrl, JsonNode teamUser) {

        /** The team's credit figures this answer reported, or {@link TeamCredits#NOT_REPORTED}. */
        public TeamCredits credits() {
            return TeamUserCredits.of(teamUser);
        }
    }

    public record AiRecordDetail(PromptObject promptObject, List<String> resultObject) {
    }
}
