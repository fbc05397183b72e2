package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.AssetResponse;
import io.backdrop.api.FeatureRequest;
import io.backdrop.api.FeatureResponse;
import io.backdrop.api.PromptObject;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;

/**
 * The calls as Spring's RestClient makes them (its own multipart framing, a default JDK HttpClient
 * that offers an HTTP/2 upgrade), read back into the project's shared API records.
 */
class SandboxSpringClientTest {

    @Test
    void aRestClientRoundTripReadsIntoTheSharedRecords() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(SandboxHttp.KEY))) {
            RestClient client = RestClient.builder()
                    .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
                    .baseUrl(sandbox.baseUrl().toString())
                    .defaultHeader("API-KEY", SandboxHttp.KEY)
                    .build();
            MultipartBodyBuilder form = new MultipartBodyBuilder();
            form.part("asset", new ByteArrayResource(SandboxHttp.photo()) {
                @Override
                public String getFilename() {
                    return "cat.png";
                }
            }).contentType(MediaType.IMAGE_PNG);

            AssetResponse asset = client.post().uri("/api/assets").contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form.build()).retrieve().body(AssetResponse.class);
            FeatureResponse feature = client.post().uri("/api/features").contentType(MediaType.APPLICATION_JSON)
                    .body(FeatureRequest.backgroundReplacer(new PromptObject(asset.fileContent().path(), "loft", "1280x720", "medium", "opaque")))
                    .retrieve().body(FeatureResponse.class);
            byte[] image = client.get().uri(URI.create(feature.aiRecord().temporaryUrl())).retrieve().body(byte[].class);

            assertThat(asset.fileContent().path()).endsWith("_cat.png").isEqualTo(asset.asset().key());
            assertThat(feature.aiRecord().status()).isEqualTo(FeatureResponse.SUCCESS);
            assertThat(feature.aiRecord().aiRecordDetail().resultObject()).hasSize(1);
            assertThat(feature.aiRecord().aiRecordDetail().promptObject().background()).isEqualTo("opaque");
            assertThat(image).isNotEmpty();
            assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
        }
    }
}
