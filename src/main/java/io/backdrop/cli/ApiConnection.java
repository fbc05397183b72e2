package io.backdrop.cli;

import io.backdrop.api.ApiKey;
import io.backdrop.sandbox.SandboxServer;
import java.util.Map;

/** The key and address a command calls the API with, and the sandbox it started, if any. */
public record ApiConnection(ApiKey key, String baseUrl, SandboxServer sandbox) implements AutoCloseable {

    public void addProperties(Map<String, Object> properties) {
        ApiOptions.putIfSet(properties, "backdrop.api.base-url", baseUrl);
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
