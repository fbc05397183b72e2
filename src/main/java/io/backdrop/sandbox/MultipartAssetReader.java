package io.backdrop.sandbox;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads the body of {@code POST /api/assets}: multipart/form-data with exactly one file field named
 * {@code asset}, streamed to a file as it arrives. Anything else is refused with a message naming
 * the problem, as the contract tests of a client need to see.
 */
final class MultipartAssetReader {

    static final String FIELD = "asset";
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 32;

    private final long maxFileBytes;

    MultipartAssetReader(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** Streams the {@code asset} file of the body into {@code target}. */
    ReceivedFile read(String contentType, InputStream body, Path target) throws IOException {
        DelimitedStream parts = DelimitedStream.multipart(body, boundary(contentType));
        if (!parts.copyToDelimiter(OutputStream.nullOutputStream())) {
            throw RejectedRequest.badRequest("the multipart body has no boundary line");
        }
        ReceivedFile received = null;
        while (!isClosingDelimiter(parts)) {
            PartHeaders headers = readPartHeaders(parts);
            String name = headers.disposition().getName();
            if (!FIELD.equals(name)) {
                throw RejectedRequest.badRequest(name == null
                        ? "a multipart part has no field name"
                        : "unexpected form field '" + name + "': the Asset API takes one file field named '" + FIELD + "'");
            }
            if (received != null) {
                throw RejectedRequest.badRequest("more than one '" + FIELD + "' field: upload one file per call");
            }
            String fileName = headers.disposition().getFilename();
            if (fileName == null) {
                throw RejectedRequest.badRequest("form field '" + FIELD + "' must be a file (its part has no filename)");
            }
            received = copyFile(parts, fileName, headers.contentType(), target);
        }
        if (received == null) {
            throw RejectedRequest.badRequest("missing file field '" + FIELD + "'");
        }
        return received;
    }

    static String boundary(String contentType) {
        if (contentType == null) {
            throw RejectedRequest.badRequest("Content-Type must be multipart/form-data");
        }
        MediaType header;
        try {
            header = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw RejectedRequest.badRequest("Content-Type must be multipart/form-data, not " + contentType);
        }
        if (!MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(header)) {
            throw RejectedRequest.badRequest("Content-Type must be multipart/form-data, not " + header.getType() + "/"
                    + header.getSubtype());
        }
        String boundary = unquoted(header.getParameter("boundary"));
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw RejectedRequest.badRequest("Content-Type multipart/form-data needs a boundary parameter");
        }
        return boundary;
    }

    /** A parameter's value without the quotes it may be written in ({@code boundary="a b"}). */
    private static String unquoted(String value) {
        return value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** After a delimiter: "--" ends the body, CRLF (after optional padding) starts another part. */
    private static boolean isClosingDelimiter(DelimitedStream parts) throws IOException {
        int first = parts.read();
        if (first == '-') {
            if (parts.read() != '-') {
                throw RejectedRequest.badRequest("malformed multipart boundary line");
            }
            return true;
        }
        int b = first;
        while (b == ' ' || b == '\t') {
            b = parts.read();
        }
        if (b != '\r' || parts.read() != '\n') {
            throw RejectedRequest.badRequest(b < 0 ? "the multipart body ends before its closing boundary"
                    : "malformed multipart boundary line");
        }
        return false;
    }

    /** A part's Content-Disposition and its Content-Type (null when absent). */
    private record PartHeaders(ContentDisposition disposition, String contentType) {
    }

    private static PartHeaders readPartHeaders(DelimitedStream parts) throws IOException {
        ContentDisposition disposition = null;
        String partType = null;
        for (int lines = 0; ; lines++) {
            String line = parts.readLine(MAX_HEADER_LINE);
            if (line == null) {
                throw RejectedRequest.badRequest("the multipart body ends inside a part's headers");
            }
            if (line.isEmpty()) {
                break;
            }
            if (lines >= MAX_HEADER_LINES) {
                throw RejectedRequest.badRequest("a multipart part has too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw RejectedRequest.badRequest("malformed multipart header line");
            }
            String headerName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String headerValue = line.substring(colon + 1).trim();
            if (headerName.equals("content-disposition")) {
                try {
                    disposition = ContentDisposition.parse(headerValue);
                } catch (IllegalArgumentException e) {
                    throw RejectedRequest.badRequest("malformed multipart Content-Disposition: " + e.getMessage());
                }
                if (!disposition.isFormData()) {
                    throw RejectedRequest.badRequest("a multipart part's Content-Disposition must be form-data");
                }
            } else if (headerName.equals("content-type")) {
                partType = headerValue;
            }
        }
        if (disposition == null) {
            throw RejectedRequest.badRequest("a multipart part has no Content-Disposition header");
        }
        return new PartHeaders(disposition, partType);
    }

    private ReceivedFile copyFile(DelimitedStream parts, String fileName, String contentType, Path target) throws IOException {
        MessageDigest sha256 = sha256();
        CappedOutputStream capped;
        try (OutputStream file = Files.newOutputStream(target)) {
            capped = new CappedOutputStream(new DigestOutputStream(file, sha256), maxFileBytes);
            if (!parts.copyToDelimiter(capped)) {
                throw RejectedRequest.badRequest("the multipart body ends before its closing boundary");
            }
            capped.flush();
        }
        return new ReceivedFile(fileName, contentType, capped.written(), HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Refuses with 413 as soon as the file passes the cap, rather than after storing all of it. */
    private static final class CappedOutputStream extends FilterOutputStream {

        private final long cap;
        private long written;

        CappedOutputStream(OutputStream out, long cap) {
            super(out);
            this.cap = cap;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count(length);
            out.write(bytes, offset, length);
        }

        private void count(int length) {
            written += length;
            if (written > cap) {
                throw new RejectedRequest(413, "the file is larger than the upload limit of " + cap + " bytes");
            }
        }

        long written() {
            return written;
        }
    }
}
