package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.ImageFormat;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxRoundTripTest extends SandboxFixture {

    @Test
    void uploadAnswersTheDocumentedShapeWithATimestampedSanitizedPath() throws Exception {
        byte[] photo = SandboxHttp.photo();
        HttpResponse<String> response = http.upload(photo, "my photo (1).png");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = http.read(response);
        String path = body.get("fileContent").get("path").stringValue();
        assertThat(path).matches("images/\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{3}_my_photo_1_.png");
        assertThat(body.get("asset").get("key").stringValue()).isEqualTo(path);
        assertThat(body.get("asset").get("mimetype").stringValue()).isEqualTo("image/png");
        assertThat(body.get("asset").get("size").asLong()).isEqualTo(photo.length);
        assertThat(body.get("fileContent").get("type").stringValue()).isEqualTo("png");
        assertThat(body.get("fileContent").get("name").stringValue()).isEqualTo("my photo (1).png");
        assertThat(body.get("fileContent").get("uuid").stringValue()).isNotBlank();

        HttpResponse<byte[]> stored = http.download(body.get("asset").get("location").stringValue());
        assertThat(stored.body()).isEqualTo(photo);
    }

    @Test
    void twoUploadsOfOneFileGetTwoPaths() throws Exception {
        assertThat(http.uploadPhoto()).isNotEqualTo(http.uploadPhoto());
    }

    @Test
    void featureCallAnswersAnAiRecordWhoseResultIsAPngOfExactlyTheRequestedSize() throws Exception {
        String imageUrl = http.uploadPhoto();

        HttpResponse<String> response = http.feature(imageUrl, "a beach at dawn", "1536x1024", "high");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode record = http.read(response).get("aiRecord");
        assertThat(record.get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(record.get("model").stringValue()).isEqualTo("gpt-image-2");
        assertThat(record.get("type").stringValue()).isEqualTo("BACKGROUND_REPLACER");
        assertThat(record.get("uuid").stringValue()).isNotBlank();
        assertThat(record.get("userId").stringValue()).isNotBlank();
        assertThat(record.get("teamId").stringValue()).isNotBlank();
        assertThat(record.get("createdAt").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        JsonNode detail = record.get("aiRecordDetail");
        assertThat(detail.get("promptObject").get("imageUrl").stringValue()).isEqualTo(imageUrl);
        assertThat(detail.get("promptObject").get("prompt").stringValue()).isEqualTo("a beach at dawn");
        assertThat(detail.get("promptObject").get("size").stringValue()).isEqualTo("1536x1024");
        assertThat(detail.get("promptObject").get("quality").stringValue()).isEqualTo("high");
        assertThat(detail.get("promptObject").get("background").stringValue()).isEqualTo("auto");
        assertThat(detail.get("responseObject").isObject()).isTrue();
        String resultPath = detail.get("resultObject").get(0).stringValue();
        assertThat(resultPath).startsWith("images/").endsWith(".png");
        String temporaryUrl = record.get("temporaryUrl").stringValue();
        assertThat(temporaryUrl).isEqualTo(sandbox.baseUrl() + "/download/" + resultPath
                + "?X-Amz-Expires=604800&X-Amz-Signature=sandbox");

        HttpResponse<byte[]> download = http.download(temporaryUrl);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(download.body().length);
        assertThat(ImageFormat.sniff(download.body())).hasValue(ImageFormat.PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(image.getWidth()).isEqualTo(1536);
        assertThat(image.getHeight()).isEqualTo(1024);
        assertThat(new Color(image.getRGB(768, 512))).as("the photo's red square, centred").isEqualTo(Color.RED);
        Color[] palette = BackgroundRenderer.palette("a beach at dawn");
        assertThat(new Color(image.getRGB(768, 0))).as("gradient top").isEqualTo(palette[0]);
        assertSandboxMark(image);
    }

    @Test
    void aPortraitResultHasItsOwnSize() throws Exception {
        String imageUrl = http.uploadPhoto();
        JsonNode record = http.read(http.feature(imageUrl, "snow", "1024x1536", "low")).get("aiRecord");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(http.download(record.get("temporaryUrl").stringValue()).body()));

        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1536);
    }

    @Test
    void sameRequestGivesANewResultPathWithTheSameImageAndAnotherPromptAnotherBackground() throws Exception {
        String imageUrl = http.uploadPhoto();
        JsonNode first = http.read(http.feature(imageUrl, "forest", "1024x1024", "medium")).get("aiRecord");
        JsonNode again = http.read(http.feature(imageUrl, "forest", "1024x1024", "medium")).get("aiRecord");
        JsonNode other = http.read(http.feature(imageUrl, "desert", "1024x1024", "medium")).get("aiRecord");

        assertThat(first.get("temporaryUrl").stringValue()).isNotEqualTo(again.get("temporaryUrl").stringValue());
        byte[] firstBytes = http.download(first.get("temporaryUrl").stringValue()).body();
        byte[] againBytes = http.download(again.get("temporaryUrl").stringValue()).body();
        byte[] otherBytes = http.download(other.get("temporaryUrl").stringValue()).body();
        assertThat(againBytes).isEqualTo(firstBytes);
        assertThat(Arrays.equals(otherBytes, firstBytes)).isFalse();
        BufferedImage forest = ImageIO.read(new ByteArrayInputStream(firstBytes));
        BufferedImage desert = ImageIO.read(new ByteArrayInputStream(otherBytes));
        assertThat(forest.getRGB(10, 10)).isNotEqualTo(desert.getRGB(10, 10));
    }

    @Test
    void eachPhotoGetsAResultOfItsOwnUnlessTheSandboxRendersOncePerPrompt() throws Exception {
        byte[] blue = bluePhoto();
        byte[][] each = resultsFor(http, blue);
        assertThat(Arrays.equals(each[0], each[1])).as("rendered from each photo").isFalse();

        try (SandboxServer once = SandboxServer.start(SandboxSettings.defaults().withApiKey(SandboxHttp.KEY)
                .withRenderEachPhoto(false))) {
            byte[][] results = resultsFor(new SandboxHttp(once.baseUrl()), blue);
            assertThat(results[1]).as("the first photo's result, served for the second").isEqualTo(results[0]);
        }
    }

    /** The results of one prompt for the red-square photo and then for {@code other}. */
    private static byte[][] resultsFor(SandboxHttp client, byte[] other) throws Exception {
        byte[][] results = new byte[2][];
        String[] uploaded = {client.uploadPhoto(), client.read(client.upload(other, "blue.png")).get("fileContent").get("path").stringValue()};
        for (int i = 0; i < 2; i++) {
            JsonNode record = client.read(client.feature(uploaded[i], "forest", "1024x1024", "low")).get("aiRecord");
            results[i] = client.download(record.get("temporaryUrl").stringValue()).body();
        }
        return results;
    }

    private static byte[] bluePhoto() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(100, 100, 300, 200);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    @Test
    void statsCountEachKindOfCall() throws Exception {
        String imageUrl = http.uploadPhoto();
        JsonNode record = http.read(http.feature(imageUrl, "forest", "1024x1024", "low")).get("aiRecord");
        http.download(record.get("temporaryUrl").stringValue());
        http.feature(imageUrl, "forest", "1000x1000", "low");
        http.feature(null, SandboxHttp.featureBody(imageUrl, "forest", "1024x1024", "low"));

        SandboxStats stats = sandbox.stats();

        assertThat(stats.uploads()).isEqualTo(1);
        assertThat(stats.featureCalls()).isEqualTo(1);
        assertThat(stats.paidCalls()).isEqualTo(1);
        assertThat(stats.downloads()).isEqualTo(1);
        assertThat(stats.paidCallsByImageUrl()).isEqualTo(Map.of(imageUrl, 1L));
        assertThat(stats.rejectedRequests()).isEqualTo(2);
    }

    @Test
    void unknownDownloadIs404AndUnknownEndpointIsJson404() throws Exception {
        assertThat(http.download(sandbox.baseUrl() + "/download/images/nothing.png").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = http.get("/api/other");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(http.read(unknown).get("message").stringValue()).contains("/api/other");
    }

    @Test
    void closeDeletesEverythingAndStopsAnswering() throws Exception {
        http.uploadPhoto();
        sandbox.close();
        sandbox.awaitClose();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.uploadPhoto()).isInstanceOf(java.io.IOException.class);
    }

    private static void assertSandboxMark(BufferedImage image) {
        int[] plate = SandboxMark.plate(image.getWidth(), image.getHeight());
        assertThat(new Color(image.getRGB(plate[0] + 1, plate[1] + 1))).isEqualTo(SandboxMark.PLATE);
        int inked = 0;
        for (int x = plate[0]; x < plate[0] + plate[2]; x++) {
            for (int y = plate[1]; y < plate[1] + plate[3]; y++) {
                if (new Color(image.getRGB(x, y)).equals(SandboxMark.INK)) {
                    inked++;
                }
            }
        }
        assertThat(inked).as("inked pixels of the SANDBOX label").isGreaterThan(plate[2] * plate[3] / 10);
    }
}
