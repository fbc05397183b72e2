package io.backdrop.api;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.api.CallObserver.Call;
import io.backdrop.platform.TerminalText;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.hc.client5.http.ConnectTimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns what went wrong in a call into an {@link ApiException} of the right kind, following the
 * project's error policy. Every message it builds has the API key masked, since servers sometimes
 * echo what they were sent.
 */
final class FailureClassifier {

    static final String KEY_REFUSED = "the API key was refused (HTTP %d): check ONEMIN_API_KEY or --api-key-file";
    static final String OUT_OF_CREDITS = "the account has run out of credits (HTTP %d): top up, then restart the job";
    private static final int LONGEST_SERVER_MESSAGE = 500;

    private final ObjectMapper json;
    private final RetryAfter retryAfter;
    private final ApiKey key;

    FailureClassifier(ObjectMapper json, RetryAfter retryAfter, ApiKey key) {
        this.json = json;
        this.retryAfter = retryAfter;
        this.key = key;
    }

    /** A non-2xx answer. */
    ApiException answer(Call call, int status, String retryAfterHeader, byte[] body) {
        String serverMessage = serverMessage(body);
        String text = serverMessage == null ? "HTTP " + status : "HTTP " + status + ": " + serverMessage;
        Duration wait = retryAfter.parse(retryAfterHeader).orElse(null);
        if (call == Call.DOWNLOAD) {
            return downloadAnswer(status, text, wait);
        }
        if (status >= 400 && status < 500 && mentionsCredits(body)) {
            return fatal(status, OUT_OF_CREDITS);
        }
        if (status == 401 || status == 403) {
            return fatal(status, KEY_REFUSED);
        }
        if (status == 402) {
            return fatal(status, OUT_OF_CREDITS);
        }
        return new ApiException(isTransient(status) ? Kind.TRANSIENT : Kind.PERMANENT, status, text, wait, null);
    }

    /**
     * A 3xx from the API. It is not followed, since the key would go wherever it points; it is
     * almost always the wrong base URL (http for https, a missing path), which no row can get past.
     */
    ApiException redirect(int status, String location) {
        String target = location == null || location.isBlank() ? "" : " to " + TerminalText.escape(
                TerminalText.capped(redact(location.strip()), 300));
        return new ApiException(Kind.FATAL, status, "HTTP " + status + ": the API answered with a redirect" + target
                + ", which Backdrop does not follow (the API key would go with it): check --api-base-url", null, null);
    }

    /**
     * No answer arrived, or it broke off: a refused or reset connection, a timeout. Only a
     * connection never made is known not to have delivered the request; any other failure may
     * have come after the server had it, so its answer is lost.
     */
    ApiException transport(Throwable failure) {
        String text;
        boolean neverConnected = false;
        if (hasCause(failure, ConnectTimeoutException.class)) {
            text = "connection timed out";
            neverConnected = true;
        } else if (hasCause(failure, SocketTimeoutException.class)) {
            text = "timed out waiting for the answer";
        } else if (hasCause(failure, ConnectException.class)) {
            text = "connection refused";
            neverConnected = true;
        } else {
            Throwable root = rootCause(failure);
            text = "connection failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + redact(root.getMessage()));
            neverConnected = root instanceof UnknownHostException;
        }
        return new ApiException(Kind.TRANSIENT, 0, text, null, failure, !neverConnected);
    }

    /** A 2xx answer whose JSON could not be read: usually cut short, worth another attempt, but its work was done. */
    ApiException malformed(int status, JacksonException failure) {
        return new ApiException(Kind.TRANSIENT, status,
                "malformed JSON in the answer (HTTP " + status + "): " + redact(failure.getOriginalMessage()), null,
                failure, true);
    }

    String redact(String text) {
        return key.redact(text);
    }

    private ApiException downloadAnswer(int status, String text, Duration wait) {
        if (status == 401 || status == 403) {
            // A presigned link carries its own credentials; a refusal means it expired or was mangled, not a bad key.
            return new ApiException(Kind.PERMANENT, status, "the download link was refused (" + text + "): it may have expired", null, null);
        }
        return new ApiException(isTransient(status) ? Kind.TRANSIENT : Kind.PERMANENT, status, text, wait, null);
    }

    private static boolean isTransient(int status) {
        // 501 means the server will never do it; every other 5xx is the server's passing trouble.
        return status == 408 || status == 429 || (status >= 500 && status < 600 && status != 501);
    }

    private ApiException fatal(int status, String template) {
        return new ApiException(Kind.FATAL, status, template.formatted(status), null, null);
    }

    private static boolean mentionsCredits(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("credit") || text.contains("insufficient balance") || text.contains("insufficient_balance");
    }

    /** The body's {@code message} (a string, or a list of them), if the body is JSON and has one. */
    private String serverMessage(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
        JsonNode message = tree == null ? null : tree.get("message");
        if (message == null && tree != null && tree.path("error").isObject()) {
            message = tree.path("error").get("message");
        }
        if (message == null || message.isNull()) {
            return null;
        }
        String text;
        if (message.isArray()) {
            StringJoiner joined = new StringJoiner("; ");
            message.forEach(part -> joined.add(textOf(part)));
            text = joined.toString();
        } else {
            text = textOf(message);
        }
        if (text.isBlank()) {
            return null;
        }
        text = redact(text.strip());
        return text.length() > LONGEST_SERVER_MESSAGE ? text.substring(0, LONGEST_SERVER_MESSAGE) + "…" : text;
    }

    private static String textOf(JsonNode node) {
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
