package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A closed client leaves no thread of the JDK's HTTP client behind: such a thread waits in the
 * operating system, and the JVM's exit waits 0.3 s for it to come back, at the end of every
 * command. Only Java 21 and later can close that client; on Java 17 the thread stays (the README
 * says so).
 */
class OneMinClientCloseTest {

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void closingEndsTheHttpClientsSelectorThread() throws Exception {
        Set<Thread> before = selectorThreads();
        server.script("/api/assets", json(200, Fixtures.assetAnswer("images/a.png")));
        OneMinClient client = Fixtures.client(server.base(), 1);
        client.upload(Fixtures.source("a.png", "image/png", Fixtures.png(8, 8), new AtomicInteger()));
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).as("the client's selector thread").hasSize(1);

        client.close();

        Thread selector = started.iterator().next();
        selector.join(Duration.ofSeconds(5).toMillis());
        assertThat(selector.isAlive()).as("the selector thread, 5 s after close").isFalse();
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
