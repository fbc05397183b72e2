package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelimitedStreamTest {

    private static final byte[] DELIMITER = "\r\n--b0und".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void findsDelimitersSplitAcrossReadsOfOneByte() throws IOException {
        byte[] first = "alpha\r\n--b0unbeta\r\n-".getBytes(StandardCharsets.ISO_8859_1);
        byte[] second = new byte[5000];
        new Random(3).nextBytes(second);
        byte[] input = concat(first, DELIMITER, second, DELIMITER, "tail".getBytes(StandardCharsets.ISO_8859_1));
        DelimitedStream stream = new DelimitedStream(new OneByteAtATime(input), DELIMITER, new byte[0], 2 * DELIMITER.length);

        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteArrayOutputStream c = new ByteArrayOutputStream();

        assertThat(stream.copyToDelimiter(a)).isTrue();
        assertThat(stream.copyToDelimiter(b)).isTrue();
        assertThat(stream.copyToDelimiter(c)).isFalse();
        assertThat(a.toByteArray()).isEqualTo(first);
        assertThat(b.toByteArray()).isEqualTo(second);
    }

    @Test
    void theLeadingBytesLetTheFirstBoundaryMatchWithoutACrlfBeforeIt() throws IOException {
        byte[] body = "--b0und\r\nContent-Disposition: form-data\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        DelimitedStream stream = DelimitedStream.multipart(new ByteArrayInputStream(body), "b0und");

        ByteArrayOutputStream preamble = new ByteArrayOutputStream();
        assertThat(stream.copyToDelimiter(preamble)).isTrue();
        assertThat(preamble.size()).isZero();
        assertThat(stream.read()).isEqualTo('\r');
        assertThat(stream.read()).isEqualTo('\n');
        assertThat(stream.readLine(100)).isEqualTo("Content-Disposition: form-data");
        assertThat(stream.readLine(100)).isEmpty();
        assertThat(stream.readLine(100)).isNull();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The slowest network: every read returns a single byte. */
    private static final class OneByteAtATime extends InputStream {
        private final ByteArrayInputStream in;

        OneByteAtATime(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return length == 0 ? 0 : in.read(buffer, offset, 1);
        }
    }
}
