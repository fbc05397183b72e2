package io.backdrop.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A sandbox that accepts only {@link SandboxHttp#KEY}, started before each case and closed after
 * it, and a plain HTTP client of it. A subclass's own {@code @BeforeEach} runs after this one's.
 */
abstract class SandboxFixture {

    SandboxServer sandbox;
    SandboxHttp http;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(SandboxHttp.KEY));
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
