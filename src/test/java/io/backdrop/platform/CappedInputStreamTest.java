package io.backdrop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {

    @Test
    void aBodyUpToTheCapIsReadWhole() throws IOException {
        try (InputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[100]), 100, "http://x/a.png")) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
    }

    @Test
    void aBodyPastTheCapFailsInsteadOfStoppingShortAndIsClosed() {
        boolean[] closed = {false};
        InputStream body = new ByteArrayInputStream(new byte[101]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = new CappedInputStream(body, 100, "http://x/a.png");

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(CappedInputStream.TooLarge.class)
                .hasMessage("larger than the limit of 100 bytes: http://x/a.png");
        assertThat(closed[0]).isTrue();
    }

    @Test
    void singleByteReadsCountToo() {
        InputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[3]), 2, null);

        assertThatThrownBy(() -> {
            while (in.read() >= 0) {
                // read to the end, a byte at a time
            }
        }).isInstanceOf(CappedInputStream.TooLarge.class).hasMessage("larger than the limit of 2 bytes");
    }

    @Test
    void aTimeoutNamesTheSourceOnlyWhenItMayBeNamed() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new InterruptedIOException("took longer than 50 ms");
            }
        };

        assertThatThrownBy(() -> new CappedInputStream(stalled, 10, "http://x/a.png").read())
                .hasMessage("download timed out (took longer than 50 ms): http://x/a.png");
        assertThatThrownBy(() -> new CappedInputStream(stalled, 10, null).read())
                .isInstanceOf(InterruptedIOException.class).hasMessage("took longer than 50 ms");
    }
}
