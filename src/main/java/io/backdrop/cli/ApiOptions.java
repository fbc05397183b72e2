package io.backdrop.cli;

import io.backdrop.api.ApiKey;
import io.backdrop.api.ApiProperties;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Option;

/** How to reach the API: options shared by {@code run} and {@code restart}, all safe to change on restart. */
public class ApiOptions {

    static final String BASE_URL_VARIABLE = "ONEMIN_API_BASE_URL";

    @Option(names = "--api-base-url", paramLabel = "URL",
            description = "The API's address (default: $" + BASE_URL_VARIABLE + ", else https://api.1min.ai).")
    String baseUrl;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "Read the API key from this file's first line (default: $" + ApiKey.ENVIRONMENT_VARIABLE + ").")
    Path keyFile;

    @Option(names = "--sandbox",
            description = "Start the bundled API emulator in this process and use it; needs no key.")
    boolean sandbox;

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
            description = "Time to connect (default 30s).")
    String connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION",
            description = "Time a feature call may take; a high-quality call can take minutes (default 15m).")
    String readTimeout;

    @Option(names = "--transfer-timeout", paramLabel = "DURATION",
            description = "Time an upload or a download may take before it is cut off and tried again (default 5m).")
    String transferTimeout;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per call for transient failures, the first included (default 6).")
    String maxAttempts;

    @Option(names = "--max-retry-time", paramLabel = "DURATION",
            description = "Most time one call may spend retrying (default 30m).")
    String maxRetryTime;

    @Option(names = "--rate-limit", paramLabel = "N/UNIT",
            description = "Most feature calls started per second, minute or hour across all workers, e.g. 120/min "
                    + "or 2/s; a 429 halves the rate and successes restore it (default: no limit).")
    String rateLimit;

    /** Resolves the key and the address, starting the sandbox when asked; close it when the command ends. */
    public ApiConnection connect(Map<String, String> environment) {
        if (sandbox) {
            if (baseUrl != null) {
                throw new UsageException("--sandbox and --api-base-url cannot be combined");
            }
            String key = UUID.randomUUID().toString();
            try {
                SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withApiKey(key));
                return new ApiConnection(ApiKey.of(key), server.baseUrl().toString(), server);
            } catch (IOException e) {
                throw new UsageException("cannot start the sandbox: " + e.getMessage(), e);
            }
        }
        String variable = environment.get(BASE_URL_VARIABLE);
        String url = baseUrl != null ? baseUrl : variable == null || variable.isBlank() ? null : variable;
        if (url != null) {
            try {
                ApiProperties.checkBaseUrl(url, baseUrl != null ? "--api-base-url" : "$" + BASE_URL_VARIABLE);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        ApiKey key = readKey(keyFile, environment)
                .orElseThrow(() -> new UsageException("no API key: set " + ApiKey.ENVIRONMENT_VARIABLE
                        + ", pass --api-key-file FILE, or try --sandbox"));
        return new ApiConnection(key, url, null);
    }

    /** The key from the file or the environment: a key file that cannot be read, or a key of the wrong form, is a usage error. */
    static java.util.Optional<ApiKey> readKey(Path keyFile, Map<String, String> environment) {
        try {
            return ApiKey.fromFileOrEnvironment(keyFile, environment.get(ApiKey.ENVIRONMENT_VARIABLE));
        } catch (IOException | IllegalArgumentException e) {
            // Neither message holds the key: they name its source and what is wrong.
            throw new UsageException("cannot use the API key: " + e.getMessage(), e);
        }
    }

    /** The Spring properties these options set. */
    public void addProperties(Map<String, Object> properties) {
        OptionValues.put(properties, ApiProperties.CONNECT_TIMEOUT, connectTimeout);
        OptionValues.put(properties, ApiProperties.READ_TIMEOUT, readTimeout);
        OptionValues.put(properties, ApiProperties.TRANSFER_TIMEOUT, transferTimeout);
        OptionValues.put(properties, ApiProperties.MAX_ATTEMPTS, maxAttempts);
        OptionValues.put(properties, ApiProperties.MAX_RETRY_TIME, maxRetryTime);
        OptionValues.put(properties, ApiProperties.RATE_LIMIT, rateLimit);
    }

    static void putIfSet(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
