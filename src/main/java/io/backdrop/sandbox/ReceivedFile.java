package io.backdrop.sandbox;

/**
 * The file part of an upload, as it arrived.
 *
 * @param fileName    the name the client gave it
 * @param contentType the part's Content-Type, or null
 * @param size        its length in bytes
 * @param sha256      the hex SHA-256 of its content, under which it is stored
 */
record ReceivedFile(String fileName, String contentType, long size, String sha256) {
}
