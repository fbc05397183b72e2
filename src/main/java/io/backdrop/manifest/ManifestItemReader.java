package io.backdrop.manifest;

import io.backdrop.model.ManifestRow;
import java.util.List;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams a manifest's data records as {@link ManifestRow}s, one at a time.
 *
 * <p>Restartable: the base class saves the number of rows read in the step's execution context
 * (under {@code manifest.read.count}) and, on a restart, this reader walks past that many records
 * before answering. A malformed record surfaces from {@link #read()} as a
 * {@link ManifestFormatException} naming the line. Not thread-safe, like every Spring Batch
 * reader of a stream.
 */
public class ManifestItemReader extends AbstractItemCountingItemStreamItemReader<ManifestRow> {

    private final String displayName;
    private final ResourceOpener opener;
    private ManifestCursor cursor;

    /**
     * @param displayName how the manifest is named in errors, e.g. its path or s3 URI
     * @param opener      opens the manifest from its first byte, each time the reader is opened
     */
    public ManifestItemReader(String displayName, ResourceOpener opener) {
        this.displayName = displayName;
        this.opener = opener;
        setName("manifest");
    }

    /** The header's column names, trimmed, in file order; only while the reader is open. */
    public List<String> columns() {
        if (cursor == null) {
            throw new IllegalStateException("the manifest reader is not open");
        }
        return cursor.columns();
    }

    @Override
    protected void doOpen() throws Exception {
        cursor = ManifestCursor.open(displayName, opener);
    }

    @Override
    protected ManifestRow doRead() throws Exception {
        return cursor.next();
    }

    @Override
    protected void doClose() throws Exception {
        if (cursor != null) {
            ManifestCursor closing = cursor;
            cursor = null;
            closing.close();
        }
    }
}
