package io.backdrop;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.cli.ApplicationStarter;
import io.backdrop.cli.RunCommand;
import io.backdrop.cli.WorkerCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its parts are checked against each
 * other and against the project: it parses, the services agree on names, users and passwords,
 * the buckets the run uses are the ones created, and the command is one Backdrop accepts.
 */
class DockerComposeFileTest {

    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        services = new YAMLMapper().readTree(Files.readString(Path.of("docker-compose.yml"))).required("services");
    }

    @Test
    void hasPostgresMinioTheirInitAndBackdrop() {
        assertThat(service("postgres").required("image").asString()).isEqualTo("postgres:16");
        assertThat(service("minio").required("image").asString()).isEqualTo("minio/minio");
        assertThat(service("minio-init").required("image").asString()).isEqualTo("minio/mc");
        assertThat(service("backdrop").required("image").asString()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(service("backdrop").required("depends_on").required("postgres").required("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(service("backdrop").required("depends_on").required("minio-init").required("condition").asString())
                .isEqualTo("service_completed_successfully");
        assertThat(service("minio-init").required("depends_on").required("minio").required("condition").asString())
                .isEqualTo("service_healthy");
    }

    @Test
    void backdropUsesThePostgresDatabaseAndUser() {
        Map<String, String> postgres = environment("postgres");
        Map<String, String> backdrop = environment("backdrop");

        assertThat(backdrop).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                .containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void backdropAndTheInitReachMinioWithItsKeys() {
        Map<String, String> minio = environment("minio");
        Map<String, String> backdrop = environment("backdrop");

        URI endpoint = URI.create(backdrop.get("AWS_ENDPOINT_URL_S3"));
        assertThat(endpoint.getHost()).isEqualTo("minio");
        assertThat(endpoint.getPort()).isEqualTo(9000);
        assertThat(backdrop).containsEntry("AWS_ACCESS_KEY_ID", minio.get("MINIO_ROOT_USER"))
                .containsEntry("AWS_SECRET_ACCESS_KEY", minio.get("MINIO_ROOT_PASSWORD"))
                .containsKey("AWS_REGION");
        assertThat(initScript()).contains("mc alias set local http://minio:9000 " + minio.get("MINIO_ROOT_USER") + " "
                + minio.get("MINIO_ROOT_PASSWORD"));
    }

    @Test
    void theRunReadsAndWritesBucketsTheInitCreatesWithTheSampleManifestsInPlace() throws IOException {
        List<String> command = strings(service("backdrop").required("command"));
        String manifest = command.get(command.indexOf("--manifest") + 1);
        String output = command.get(command.indexOf("--output") + 1);
        String script = initScript();

        assertThat(script).contains("mc mb --ignore-existing local/catalog local/results")
                .contains("mc mirror --overwrite /sample-manifests local/catalog");
        assertThat(service("minio-init").required("volumes").get(0).asString()).isEqualTo("./sample-manifests:/sample-manifests:ro");
        assertThat(manifest).isEqualTo("s3://catalog/demo.csv");
        assertThat(output).startsWith("s3://results/");
        // The manifest's images are relative, so they resolve to s3://catalog/images/..., which the mirror uploads.
        for (String line : Files.readAllLines(Path.of("sample-manifests/demo.csv")).subList(1, 5)) {
            String image = line.split(",")[1];
            assertThat(image).startsWith("images/");
            assertThat(Path.of("sample-manifests").resolve(image)).isRegularFile();
        }
    }

    @Test
    void backdropRunsTheMountedJarWithACommandItAccepts() {
        JsonNode backdrop = service("backdrop");
        List<String> entrypoint = strings(backdrop.required("entrypoint"));
        List<String> command = strings(backdrop.required("command"));

        assertThat(strings(backdrop.required("volumes"))).containsExactly("./target/backdrop:/app:ro");
        assertThat(entrypoint).containsExactly("java", "-jar", "/app/backdrop.jar");
        assertThat(command.get(0)).isEqualTo("run");
        CommandLine run = new CommandLine(new RunCommand(new ApplicationStarter(List.of(), Map.of())));
        var parsed = run.parseArgs(command.subList(1, command.size()).toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.hasMatchedOption("--sandbox")).isTrue();
    }

    @Test
    void workersShareTheDatabaseStorageAndBrokerOfTheRunAndTakeTheCommandTheyNeed() {
        Map<String, String> rabbitmq = environment("rabbitmq");
        Map<String, String> backdrop = environment("backdrop");
        JsonNode worker = service("worker");

        assertThat(service("rabbitmq").required("image").asString()).startsWith("rabbitmq:");
        assertThat(environment("worker")).as("the same job state, storage and queue as the manager").isEqualTo(backdrop);
        assertThat(backdrop).containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq")
                .containsEntry("SPRING_RABBITMQ_USERNAME", rabbitmq.get("RABBITMQ_DEFAULT_USER"))
                .containsEntry("SPRING_RABBITMQ_PASSWORD", rabbitmq.get("RABBITMQ_DEFAULT_PASS"));
        assertThat(worker.required("depends_on").required("rabbitmq").required("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(strings(worker.required("entrypoint"))).isEqualTo(strings(service("backdrop").required("entrypoint")));
        List<String> command = strings(worker.required("command"));
        assertThat(command.get(0)).isEqualTo("worker");
        CommandLine parsed = new CommandLine(new WorkerCommand(new ApplicationStarter(List.of(), Map.of())));
        assertThat(parsed.parseArgs(command.subList(1, command.size()).toArray(String[]::new)).unmatched()).isEmpty();
    }

    private static JsonNode service(String name) {
        return services.required(name);
    }

    private static Map<String, String> environment(String service) {
        JsonNode variables = service(service).required("environment");
        Map<String, String> values = new LinkedHashMap<>();
        variables.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
        return values;
    }

    private static String initScript() {
        return strings(service("minio-init").required("command")).get(0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
