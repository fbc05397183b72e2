package io.backdrop.api;

import java.util.List;

/** The parts of the feature call's answer that Backdrop reads; every other field is ignored. */
public record FeatureResponse(AiRecord aiRecord) {

    public static final String SUCCESS = "SUCCESS";

    public record AiRecord(String uuid, String model, String type, String status, String createdAt,
                           AiRecordDetail aiRecordDetail, String temporaryUrl) {
    }

    public record AiRecordDetail(PromptObject promptObject, List<String> resultObject) {
    }
}
