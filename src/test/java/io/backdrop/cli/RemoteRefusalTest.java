package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote partitioning refuses to start where workers could not share the job: a usage error, exit 2. */
class RemoteRefusalTest {

    @TempDir
    Path work;

    @Test
    void workerOnTheLocalH2FileIsRefusedSayingWhatToConfigure() {
        try (TestDatabase h2 = TestDatabase.h2(work)) {
            var outcome = CommandLineRun.on(h2).withEnvironment(Map.of("ONEMIN_API_KEY", "test-key-refusal"))
                    .execute("worker", "--api-base-url", "http://127.0.0.1:9");

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("worker needs a database shared by the manager and every worker")
                    .contains("SPRING_DATASOURCE_URL").doesNotContain("\tat ");
        }
    }

    @Test
    void remoteRunOnTheLocalH2FileIsRefusedBeforeAnythingIsSent() throws IOException {
        Path manifest = Files.writeString(work.resolve("manifest.csv"), "id,image,prompt\nrow-1,a.png,a table\n");
        try (TestDatabase h2 = TestDatabase.h2(work)) {
            var outcome = CommandLineRun.on(h2).withEnvironment(Map.of("ONEMIN_API_KEY", "test-key-refusal"))
                    .execute("run", "--manifest", manifest.toString(), "--output", work.resolve("out").toString(),
                            "--api-base-url", "http://127.0.0.1:9", "--partitions", "2", "--remote");

            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("run --remote needs a database shared").doesNotContain("\tat ");
        }
    }

    @Test
    void workerWithoutAReachableBrokerIsRefusedSayingWhatToConfigure() {
        try (TestDatabase postgres = TestDatabase.localPostgres()) {
            var outcome = CommandLineRun.on(postgres).withEnvironment(Map.of("ONEMIN_API_KEY", "test-key-refusal"))
                    .execute("worker", "--api-base-url", "http://127.0.0.1:9", "--spring.rabbitmq.port=9");

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("worker needs RabbitMQ, which is not reachable at localhost:9")
                    .contains("SPRING_RABBITMQ_HOST").doesNotContain("\tat ");
        }
    }
}
