package io.backdrop.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The S3-compatible servers {@link S3ServerProcess} starts from their executable jars, and what
 * differs between them: the command line, where objects live, and whether buckets are made at start.
 */
public enum S3Server {

    /**
     * S3Proxy with jclouds' in-memory {@code transient} store: a plain Jetty server, several times
     * faster than S3Mock per request, so that the benchmark measures Backdrop rather than its S3
     * emulator. Every object lives in its heap. It has no option for buckets at start: they are
     * created with a PUT /bucket once it answers.
     */
    S3PROXY("S3Proxy", S3Server.S3PROXY_JAR, false) {
        @Override
        List<String> arguments(int port, Path folder, List<String> buckets, boolean accessLog) throws IOException {
            if (accessLog) {
                throw new IllegalArgumentException("S3Proxy writes no access log; only S3Mock does");
            }
            // The properties file is S3Proxy's one way to take its settings; "transient" keeps
            // every object in its heap.
            Path properties = folder.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=none",
                    "jclouds.provider=transient",
                    // Unused with authorization=none, but jclouds wants a pair to open its store.
                    "jclouds.identity=local-identity",
                    "jclouds.credential=local-credential") + "\n", StandardCharsets.UTF_8);
            return List.of("--properties", properties.toString());
        }

        @Override
        Map<String, String> environment() {
            // Its logback configuration reads the level from here; at warn a long run's log stays small.
            return Map.of("LOG_LEVEL", "warn");
        }
    },

    /**
     * Adobe S3Mock, a Spring Boot server keeping objects on disk in the caller's folder: slow (11 to
     * 28 ms a PUT from one client here) but its heap does not grow with the catalog, and it can
     * write an access log, which some tests read.
     */
    S3MOCK("S3Mock", S3Server.S3MOCK_JAR, true) {
        @Override
        List<String> arguments(int port, Path folder, List<String> buckets, boolean accessLog) throws IOException {
            Files.createDirectories(folder.resolve("data"));
            List<String> arguments = new ArrayList<>(List.of(
                    // Its main connector, made plain http and bound to loopback, is the one used; the
                    // extra http connector S3Mock always adds gets a random port and stays unused.
                    "--server.ssl.enabled=false",
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--com.adobe.testing.s3mock.httpPort=0",
                    "--com.adobe.testing.s3mock.domain.root=" + folder.resolve("data"),
                    "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"));
            if (accessLog) {
                arguments.addAll(List.of(
                        "--server.tomcat.accesslog.enabled=true",
                        "--server.tomcat.accesslog.directory=" + folder.resolve(S3ServerProcess.ACCESS_LOG),
                        "--server.tomcat.accesslog.buffered=false",
                        "--server.tomcat.accesslog.rotate=false",
                        "--server.tomcat.accesslog.pattern=%m %U%q"));
            }
            if (!buckets.isEmpty()) {
                arguments.add("--com.adobe.testing.s3mock.domain.initialBuckets=" + String.join(",", buckets));
            }
            return arguments;
        }

        @Override
        Map<String, String> environment() {
            return Map.of();
        }
    };

    /** Where a Maven build copies S3Proxy's jar, relative to the project folder: also the benchmark option's default. */
    static final String S3PROXY_JAR = "target/s3proxy/s3proxy.jar";
    /** Where a Maven build copies S3Mock's executable jar, relative to the project folder. */
    static final String S3MOCK_JAR = "target/s3mock/s3mock.jar";

    private final String displayName;
    private final String defaultJar;
    private final boolean bucketsAtStart;

    S3Server(String displayName, String defaultJar, boolean bucketsAtStart) {
        this.displayName = displayName;
        this.defaultJar = defaultJar;
        this.bucketsAtStart = bucketsAtStart;
    }

    /** The arguments after {@code java -jar <jar>}: plain http on 127.0.0.1 at the port, state under the folder. */
    abstract List<String> arguments(int port, Path folder, List<String> buckets, boolean accessLog) throws IOException;

    /** Variables added to the server's environment. */
    abstract Map<String, String> environment();

    /** Whether {@link #arguments} already has the server create the buckets as it starts. */
    boolean bucketsAtStart() {
        return bucketsAtStart;
    }

    /** As people write it: "S3Proxy", "S3Mock". */
    public String displayName() {
        return displayName;
    }

    /** Where a Maven build copies the server's jar, relative to the project folder. */
    public Path defaultJar() {
        return Path.of(defaultJar);
    }

    /** As an option takes it: "s3proxy", "s3mock". */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The server an option names ("s3proxy" or "s3mock", in any case). */
    public static S3Server named(String value) {
        return Arrays.stream(values()).filter(server -> server.optionValue().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown S3 server '" + value + "': expected one of "
                        + Arrays.stream(values()).map(S3Server::optionValue).collect(Collectors.joining(", "))));
    }
}
