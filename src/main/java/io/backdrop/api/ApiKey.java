package io.backdrop.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The 1min.ai API key. It is read from the environment or a file, only ever put into the
 * {@code API-KEY} header, and prints as a mask so that no log line or report can carry it.
 */
public final class ApiKey {

    public static final String ENVIRONMENT_VARIABLE = "ONEMIN_API_KEY";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        return new ApiKey(value.strip());
    }

    /** The key in the file (its first line), or else in {@value #ENVIRONMENT_VARIABLE}; empty when neither has one. */
    public static Optional<ApiKey> fromFileOrEnvironment(Path file, String environmentValue) throws IOException {
        if (file != null) {
            String content = Files.readString(file).lines().findFirst().orElse("");
            if (content.isBlank()) {
                throw new IOException("the API key file " + file + " is empty");
            }
            return Optional.of(of(content));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Optional.of(of(environmentValue));
        }
        return Optional.empty();
    }

    /** The secret itself, for the request header only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
