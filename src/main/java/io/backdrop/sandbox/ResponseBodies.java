package io.backdrop.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The documented answers of the Asset API and the feature call, field for field. */
final class ResponseBodies {

    static final String USER_ID = "sandbox-user";
    static final String TEAM_ID = "sandbox-team";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final URI baseUrl;
    private final Clock clock;

    ResponseBodies(ObjectMapper json, URI baseUrl, Clock clock) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** Where a stored object downloads from, as a pre-signed URL valid for 7 days. */
    String downloadUrl(String remotePath) {
        return baseUrl + "/download/" + remotePath + "?X-Amz-Expires=604800&X-Amz-Signature=sandbox";
    }

    ObjectNode asset(StoredAsset stored) {
        ObjectNode body = json.createObjectNode();
        ObjectNode asset = body.putObject("asset");
        asset.put("key", stored.path());
        asset.put("mimetype", stored.mediaType());
        asset.put("size", stored.size());
        asset.put("location", baseUrl + "/download/" + stored.path());
        ObjectNode fileContent = body.putObject("fileContent");
        fileContent.put("uuid", UUID.randomUUID().toString());
        fileContent.put("path", stored.path());
        fileContent.put("type", stored.isImage() ? stored.format().extension() : "file");
        fileContent.put("name", stored.fileName());
        return body;
    }

    /**
     * An {@code aiRecord} answer.
     *
     * @param resultPath the result's remote path; null when the record has no result
     * @param charge     the team's credits after this call; null leaves {@code teamUser} out
     */
    ObjectNode aiRecord(GenerationRequest request, String status, String resultPath, CreditBudget.Charge charge) {
        String now = TIMESTAMP.format(clock.instant());
        ObjectNode body = json.createObjectNode();
        ObjectNode record = body.putObject("aiRecord");
        record.put("uuid", UUID.randomUUID().toString());
        record.put("userId", USER_ID);
        record.put("teamId", TEAM_ID);
        if (charge != null) {
            teamUser(record.putObject("teamUser"), charge, now);
        }
        record.put("model", FeatureCallCheck.MODEL);
        record.put("type", FeatureCallCheck.TYPE);
        record.putNull("metadata");
        record.putNull("rating");
        record.putNull("feedback");
        record.putNull("conversationId");
        record.put("status", status);
        record.put("createdAt", now);
        ObjectNode detail = record.putObject("aiRecordDetail");
        RequestedGeneration prompt = request.promptObject();
        ObjectNode echo = detail.putObject("promptObject");
        echo.put("imageUrl", prompt.imageUrl());
        echo.put("prompt", prompt.prompt());
        echo.put("size", prompt.size());
        echo.put("quality", prompt.quality());
        echo.put("background", prompt.background());
        ArrayNode results = detail.putArray("resultObject");
        if (resultPath != null) {
            results.add(resultPath);
        }
        detail.putObject("responseObject");
        record.putNull("additionalData");
        if (resultPath != null) {
            record.put("temporaryUrl", downloadUrl(resultPath));
        } else {
            record.putNull("temporaryUrl");
        }
        return body;
    }

    private static void teamUser(ObjectNode teamUser, CreditBudget.Charge charge, String now) {
        teamUser.put("teamId", TEAM_ID);
        teamUser.put("userId", USER_ID);
        teamUser.put("userName", "Sandbox User");
        teamUser.putNull("userAvatar");
        teamUser.put("status", "ACTIVE");
        teamUser.put("role", "ADMIN");
        teamUser.put("creditLimit", charge.creditLimit());
        teamUser.put("usedCredit", charge.usedCredit());
        teamUser.put("createdAt", now);
        teamUser.put("createdBy", "SYSTEM");
        teamUser.put("updatedAt", now);
        teamUser.put("updatedBy", "SYSTEM");
    }
}
