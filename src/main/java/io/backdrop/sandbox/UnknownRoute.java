package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;

/** Every path the API does not have: 404 in the API's JSON shape rather than the server's HTML page. */
final class UnknownRoute extends Route {

    UnknownRoute(Replies replies, SandboxCounters counters) {
        super(replies, counters);
    }

    @Override
    void serve(HttpExchange exchange) {
        throw new RejectedRequest(404, "No such endpoint: " + exchange.getRequestURI().getPath());
    }
}
