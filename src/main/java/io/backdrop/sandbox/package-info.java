/**
 * The sandbox: an emulator of the documented 1min.ai API for tests, demos and benchmarks.
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults()
 *         .withApiKey("test-key").withLatency(Duration.ofMillis(250), Duration.ofMillis(100)))) {
 *     URI apiBase = sandbox.baseUrl();                            // point the client here
 *     sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_503, 2); // the next two feature calls fail
 *     ...
 *     SandboxStats stats = sandbox.stats();                       // e.g. exactly one paid call per row
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /api/assets} (multipart, one file field {@code asset}, at most 50 MiB),
 * {@code POST /api/features} (the seed's body, exactly), {@code GET /download/<path>} (the
 * temporaryUrl of a result, or the location of an upload; no key), and for another process
 * {@code GET /sandbox/stats}, {@code POST /sandbox/faults}, {@code DELETE /sandbox/faults}.
 *
 * <p>Order of a feature call: key (401), body and rules (400; 413 over 64 KiB), then the call
 * counts in {@link io.backdrop.sandbox.SandboxStats#featureCalls()}, then a scripted or random
 * fault may answer instead, then the latency, then a credit is charged (402 when the budget is
 * spent), then the result is rendered and answered. A result is a PNG of exactly the requested
 * size: a gradient from the prompt, the photo centred at 80%, and a "SANDBOX" label.
 */
package io.backdrop.sandbox;
