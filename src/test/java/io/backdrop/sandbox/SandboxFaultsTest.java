package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.model.ImageFormat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class SandboxFaultsTest extends SandboxFixture {

    private String imageUrl;

    @BeforeEach
    void uploadPhoto() throws Exception {
        imageUrl = http.uploadPhoto();
    }

    private HttpResponse<String> feature() throws Exception {
        return http.feature(imageUrl, "studio", "1024x1024", "low");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"STATUS_500", "STATUS_502", "STATUS_503", "STATUS_504", "STATUS_400",
            "STATUS_401", "STATUS_402", "STATUS_404", "STATUS_413", "STATUS_422", "STATUS_429_NO_RETRY_AFTER"})
    void aScriptedStatusFaultAnswersItsStatusWithAMessageAndCostsNothing(Fault fault) throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, fault, 1);

        HttpResponse<String> response = feature();

        assertThat(response.statusCode()).isEqualTo(fault.status());
        assertThat(http.read(response).get("message").stringValue()).isNotBlank();
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sandbox.stats().paidCalls()).isZero();
        assertThat(feature().statusCode()).as("the next call is normal again").isEqualTo(200);
    }

    @Test
    void status402NamesInsufficientCredits() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_402, 1);

        assertThat(http.read(feature()).get("message").stringValue()).containsIgnoringCase("insufficient credits");
    }

    @Test
    void status429CarriesRetryAfterOfOneSecond() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_429, 1);

        HttpResponse<String> response = feature();

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void scriptedFaultsAreUsedInOrderThenCallsSucceed() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_500, 2).next(Endpoint.FEATURE, Fault.STATUS_503, 1);
        assertThat(sandbox.faults().pending(Endpoint.FEATURE)).isEqualTo(3);

        assertThat(feature().statusCode()).isEqualTo(500);
        assertThat(feature().statusCode()).isEqualTo(500);
        assertThat(feature().statusCode()).isEqualTo(503);
        assertThat(feature().statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending(Endpoint.FEATURE)).isZero();
        assertThat(sandbox.stats().featureCalls()).isEqualTo(4);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
    }

    @Test
    void faultsOfOneEndpointLeaveTheOthersAlone() throws Exception {
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.STATUS_500, 1);

        HttpResponse<String> upload = http.upload(SandboxHttp.photo(), "again.png");
        HttpResponse<String> feature = feature();

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(feature.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending(Endpoint.DOWNLOAD)).isEqualTo(1);
    }

    @Test
    void invalidCallsDoNotUseUpScriptedFaults() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_500, 1);

        assertThat(http.feature(imageUrl, "studio", "1000x1000", "low").statusCode()).isEqualTo(400);
        assertThat(feature().statusCode()).isEqualTo(500);
    }

    @Test
    void aDroppedConnectionGivesNoAnswerAndCostsNothing() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.DROP_CONNECTION, 1);

        assertThatThrownBy(this::feature).isInstanceOf(IOException.class);
        assertThat(sandbox.stats().paidCalls()).isZero();
        assertThat(feature().statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParseAndIsPaid() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.MALFORMED_JSON, 1);

        HttpResponse<String> response = feature();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"aiRecord\"");
        assertThatThrownBy(() -> http.read(response)).isInstanceOf(JacksonException.class);
        assertThat(sandbox.stats().paidCalls()).as("the generation ran, only its answer broke").isEqualTo(1);
    }

    @Test
    void malformedUploadAnswerIsA200ThatDoesNotParse() throws Exception {
        sandbox.faults().next(Endpoint.UPLOAD, Fault.MALFORMED_JSON, 1);

        HttpResponse<String> response = http.upload(SandboxHttp.photo(), "a.png");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> http.read(response)).isInstanceOf(JacksonException.class);
    }

    @Test
    void aFailedRecordHasStatusFailedNoResultAndIsPaid() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.FAILED_RECORD, 1);

        JsonNode record = http.read(feature()).get("aiRecord");

        assertThat(record.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(record.get("aiRecordDetail").get("resultObject").isEmpty()).isTrue();
        assertThat(record.get("temporaryUrl").isNull()).isTrue();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
    }

    @Test
    void noResultIsSuccessWithAnEmptyResultObject() throws Exception {
        sandbox.faults().next(Endpoint.FEATURE, Fault.NO_RESULT, 1);

        JsonNode record = http.read(feature()).get("aiRecord");

        assertThat(record.get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(record.get("aiRecordDetail").get("resultObject").isEmpty()).isTrue();
        assertThat(record.get("temporaryUrl").isNull()).isTrue();
    }

    @Test
    void notAnImageServesBytesThatAreNoImage() throws Exception {
        String url = http.read(feature()).get("aiRecord").get("temporaryUrl").stringValue();
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.NOT_AN_IMAGE, 1);

        HttpResponse<byte[]> broken = http.download(url);
        HttpResponse<byte[]> fine = http.download(url);

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(ImageFormat.sniff(broken.body())).isEmpty();
        assertThat(ImageFormat.sniff(fine.body())).hasValue(ImageFormat.PNG);
    }

    @Test
    void aTruncatedDownloadEndsShortOfItsContentLength() throws Exception {
        String url = http.read(feature()).get("aiRecord").get("temporaryUrl").stringValue();
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.TRUNCATED_DOWNLOAD, 1);

        assertThatThrownBy(() -> http.download(url)).isInstanceOf(IOException.class);
        assertThat(http.download(url).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().paidCalls()).as("a broken download costs no second generation").isEqualTo(1);
    }

    @Test
    void aSlowCallOutlastsAShortClientTimeoutAndIsThenAnsweredNormally() throws Exception {
        sandbox.faults().slow(Endpoint.UPLOAD, Duration.ofSeconds(3), 1);

        assertThatThrownBy(() -> http.send(http.request("/api/assets").timeout(Duration.ofMillis(300))
                .header("API-KEY", SandboxHttp.KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + SandboxHttp.BOUNDARY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.multipart("asset", "a.png", SandboxHttp.photo())))
                .build())).isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.faults().pending(Endpoint.UPLOAD)).isZero();
    }

    @Test
    void faultsThatDoNotFitTheEndpointAreRefused() {
        assertThatThrownBy(() -> sandbox.faults().next(Endpoint.DOWNLOAD, Fault.FAILED_RECORD, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().next(Endpoint.FEATURE, Fault.TRUNCATED_DOWNLOAD, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().next(Endpoint.FEATURE, Fault.SLOW, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCreditBudgetRunsOutWith402() throws Exception {
        try (SandboxServer poor = SandboxServer.start(SandboxSettings.defaults().withCreditBudget(2))) {
            SandboxHttp client = new SandboxHttp(poor.baseUrl());
            String url = client.uploadPhoto();

            assertThat(client.feature(url, "a", "1024x1024", "low").statusCode()).isEqualTo(200);
            assertThat(client.feature(url, "b", "1024x1024", "low").statusCode()).isEqualTo(200);
            HttpResponse<String> spent = client.feature(url, "c", "1024x1024", "low");

            assertThat(spent.statusCode()).isEqualTo(402);
            assertThat(client.read(spent).get("message").stringValue()).startsWith("Insufficient credits");
            assertThat(poor.stats().paidCalls()).isEqualTo(2);
            assertThat(poor.stats().featureCalls()).isEqualTo(3);
        }
    }

    @Test
    void randomRatesApplyToEveryCallAtRateOne() throws Exception {
        try (SandboxServer failing = SandboxServer.start(SandboxSettings.defaults().withRateFailed(1.0))) {
            SandboxHttp client = new SandboxHttp(failing.baseUrl());
            String url = client.uploadPhoto();

            for (int i = 0; i < 3; i++) {
                assertThat(client.read(client.feature(url, "a", "1024x1024", "low")).get("aiRecord").get("status").stringValue())
                        .isEqualTo("FAILED");
            }
        }
        try (SandboxServer erring = SandboxServer.start(SandboxSettings.defaults().withRate5xx(1.0))) {
            SandboxHttp client = new SandboxHttp(erring.baseUrl());
            for (int i = 0; i < 5; i++) {
                assertThat(client.upload(SandboxHttp.photo(), "a.png").statusCode()).isBetween(500, 504);
            }
            assertThat(erring.stats().uploads()).isZero();
        }
    }

    @Test
    void scriptedFaultsComeBeforeRandomOnes() throws Exception {
        try (SandboxServer erring = SandboxServer.start(SandboxSettings.defaults().withRate429(1.0))) {
            SandboxHttp client = new SandboxHttp(erring.baseUrl());
            erring.faults().next(Endpoint.UPLOAD, Fault.STATUS_422, 1);

            assertThat(client.upload(SandboxHttp.photo(), "a.png").statusCode()).isEqualTo(422);
            assertThat(client.upload(SandboxHttp.photo(), "a.png").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void faultsCanBeScriptedOverHttp() throws Exception {
        HttpResponse<String> scripted = http.postJson("/sandbox/faults", "{\"endpoint\":\"FEATURE\",\"fault\":\"STATUS_500\",\"count\":2}");

        assertThat(scripted.statusCode()).isEqualTo(200);
        assertThat(feature().statusCode()).isEqualTo(500);
        assertThat(feature().statusCode()).isEqualTo(500);
        assertThat(feature().statusCode()).isEqualTo(200);

        HttpResponse<String> slow = http.postJson("/sandbox/faults", "{\"endpoint\":\"DOWNLOAD\",\"fault\":\"SLOW\",\"count\":1,\"delayMillis\":10}");
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending(Endpoint.DOWNLOAD)).isEqualTo(1);

        HttpResponse<String> cleared = http.send(http.request("/sandbox/faults").DELETE().build());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending(Endpoint.DOWNLOAD)).isZero();

        HttpResponse<String> bad = http.postJson("/sandbox/faults", "{\"endpoint\":\"FEATURE\",\"fault\":\"STATUS_999\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(sandbox.stats().rejectedRequests()).as("steering is not counted").isZero();
    }

    @Test
    void statsOverHttpMatchTheSnapshot() throws Exception {
        feature();

        JsonNode stats = http.read(http.get("/sandbox/stats"));

        assertThat(stats.get("paidCalls").asLong()).isEqualTo(1);
        assertThat(stats.get("paidCallsByImageUrl").get(imageUrl).asLong()).isEqualTo(1);
        assertThat(stats.get("uploads").asLong()).isEqualTo(1);
    }
}
