package io.backdrop.sandbox;

/**
 * The {@code promptObject} of a feature call as the sandbox received it, with the background
 * defaulted to {@code auto}: the emulator's own record of the request, echoed in its answer.
 */
record RequestedGeneration(String imageUrl, String prompt, String size, String quality, String background) {
}
