package io.backdrop.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;

/**
 * The {@code multipart/form-data} body of an asset upload: one file part named {@code asset},
 * streamed from the source so that a 50 MB photo never sits whole in memory. Its length is known
 * up front when the source's size is, so the request can carry a Content-Length.
 */
final class AssetMultipartBody implements StreamingHttpOutputMessage.Body {

    static final String FIELD = "asset";

    private final String boundary = "backdrop-" + UUID.randomUUID();
    private final UploadSource source;
    private final InputStream content;
    private final byte[] head;
    private final byte[] tail;

    AssetMultipartBody(UploadSource source, InputStream content) {
        this.source = source;
        this.content = content;
        String disposition = ContentDisposition.formData().name(FIELD).filename(source.fileName()).build().toString();
        this.head = ("--" + boundary + "\r\n"
                + "Content-Disposition: " + disposition + "\r\n"
                + "Content-Type: " + source.mediaType() + "\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    MediaType contentType() {
        return new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", boundary));
    }

    /** The exact body length, or -1 when the source's size is unknown (the body is then sent chunked). */
    long contentLength() {
        return source.size() > 0 ? head.length + source.size() + tail.length : -1;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(head);
        content.transferTo(out);
        out.write(tail);
        out.flush();
    }
}
