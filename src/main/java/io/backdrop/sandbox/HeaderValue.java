package io.backdrop.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, such as {@code multipart/form-data; boundary=x} or
 * {@code form-data; name="asset"; filename="cat.png"}. Parameter names are lower-cased; quoted
 * values may hold semicolons and backslash escapes; {@code filename*=UTF-8''...} (RFC 5987) wins
 * over {@code filename}.
 */
record HeaderValue(String value, Map<String, String> parameters) {

    static HeaderValue parse(String header) {
        Map<String, String> parameters = new HashMap<>();
        int i = header.indexOf(';');
        String value = (i < 0 ? header : header.substring(0, i)).trim();
        while (i >= 0 && i < header.length()) {
            int start = i + 1;
            int equals = header.indexOf('=', start);
            int nextSemicolon = header.indexOf(';', start);
            if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
                i = nextSemicolon;
                continue;
            }
            String name = header.substring(start, equals).trim().toLowerCase(Locale.ROOT);
            int cursor = equals + 1;
            while (cursor < header.length() && header.charAt(cursor) == ' ') {
                cursor++;
            }
            StringBuilder parameter = new StringBuilder();
            if (cursor < header.length() && header.charAt(cursor) == '"') {
                cursor++;
                while (cursor < header.length() && header.charAt(cursor) != '"') {
                    char c = header.charAt(cursor);
                    if (c == '\\' && cursor + 1 < header.length()) {
                        c = header.charAt(++cursor);
                    }
                    parameter.append(c);
                    cursor++;
                }
                i = header.indexOf(';', cursor);
            } else {
                int end = header.indexOf(';', cursor);
                parameter.append(header, cursor, end < 0 ? header.length() : end);
                i = end;
            }
            parameters.put(name, name.endsWith("*") ? parameter.toString() : parameter.toString().trim());
        }
        String extended = parameters.remove("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote >= 0) {
                parameters.put("filename", URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return new HeaderValue(value, Map.copyOf(parameters));
    }
}
