package io.backdrop.sandbox;

/**
 * A feature call that passed every check.
 *
 * @param promptObject what was asked, with the background defaulted to {@code auto}; echoed in the answer
 * @param size         the parsed output size
 * @param source       the uploaded asset named by imageUrl
 */
record GenerationRequest(RequestedGeneration promptObject, OutputSize size, StoredAsset source) {

    /** What the result is rendered for: this photo, or with {@code eachPhoto} false any photo. */
    RenderKey renderKey(boolean eachPhoto) {
        return new RenderKey(eachPhoto ? source.sha256() : "any photo", promptObject.prompt(), size, promptObject.quality(), promptObject.background());
    }
}
