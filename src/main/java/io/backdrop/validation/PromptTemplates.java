package io.backdrop.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled prompt templates by their text, so a manifest that repeats a prompt on many rows
 * compiles it once. Bounded: a manifest with a distinct prompt on each of a million rows must not
 * keep a million templates; the least recently used ones are dropped and compiled again if needed.
 *
 * <p>Not thread-safe, like the {@link RowValidator} that owns it.
 */
final class PromptTemplates {

    static final int CAPACITY = 256;

    private final Map<String, PromptTemplate> compiled = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PromptTemplate> eldest) {
            return size() > CAPACITY;
        }
    };

    PromptTemplate of(String text) {
        return compiled.computeIfAbsent(text, PromptTemplate::compile);
    }

    int size() {
        return compiled.size();
    }
}
