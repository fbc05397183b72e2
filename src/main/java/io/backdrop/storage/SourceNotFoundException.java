package io.backdrop.storage;

import java.io.IOException;

/** A manifest or image that is not where its location says. */
public class SourceNotFoundException extends IOException {

    public SourceNotFoundException(String location) {
        super("not found: " + location);
    }
}
