package io.backdrop.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server bound to the loopback address, as the sandbox and the metrics endpoint
 * use it.
 */
public final class LoopbackServer {

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private LoopbackServer() {
    }

    /**
     * A server on 127.0.0.1 (port 0: any free one), not yet started.
     * <p>
     * The JDK server writes an answer's headers and body as two segments; with Nagle's algorithm
     * the body then waits for the client's delayed ACK, 40 ms on Linux, on every call (at 250 ms a
     * call that alone caps a benchmark's efficiency near 0.85). Its only switch is a system
     * property read once, when the JVM's first server is created, so it is set here unless the
     * user set it.
     */
    public static HttpServer bind(int port, int backlog) throws IOException {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
