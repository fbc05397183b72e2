package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's calls are made on the calling thread, and a closed client leaves no thread of its own
 * behind. The JDK's HTTP client, used before, kept a selector thread waiting in the operating
 * system, and the JVM's exit waited 0.3 s for it at the end of every command (on Java 17 it could
 * not be shut down at all).
 */
class OneMinClientCloseTest {

    private static final String PATH = "images/a.png";

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();

    @Test
    void callsStartNoHttpThreadsAndCloseEndsTheClientsOwn() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        server.script("/api/assets", json(200, Fixtures.assetAnswer(PATH)));
        server.script("/api/features", json(200, Fixtures.seedFeatureAnswer().toString()));
        OneMinClient client = Fixtures.client(server.base(), 1);

        client.upload(Fixtures.source("a.png", "image/png", Fixtures.png(8, 8), new AtomicInteger()));
        client.replaceBackground(new PromptObject(PATH, "a beach", "1024x1024", "low", "auto"));
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        started.removeIf(thread -> !thread.getName().startsWith("backdrop-api-") && !thread.getName().startsWith("HttpClient-"));
        assertThat(started).as("threads the calls started").extracting(Thread::getName)
                .containsExactly("backdrop-api-deadline-1");

        client.close();

        Thread deadlines = started.iterator().next();
        deadlines.join(Duration.ofSeconds(5).toMillis());
        assertThat(deadlines.isAlive()).as("the client's thread, 5 s after close").isFalse();
    }
}
