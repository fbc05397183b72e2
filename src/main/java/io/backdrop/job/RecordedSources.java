package io.backdrop.job;

import io.backdrop.storage.KnownSource;
import io.backdrop.storage.KnownSources;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link KnownSources} in the job database (BACKDROP_SOURCE), shared by every job and by
 * {@code plan}: one row per source location, the latest content read there. Each write commits
 * on its own, as the ledger's do.
 */
@Component
public class RecordedSources implements KnownSources {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public RecordedSources(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<KnownSource> find(URI location, String identity) {
        String name = location.toString();
        return jdbc.sql("SELECT LOCATION, IDENTITY, BYTES, HEAD, CONTENT_SHA256 FROM BACKDROP_SOURCE WHERE LOCATION_HASH = ?")
                .param(hash(name))
                .query((rs, n) -> name.equals(rs.getString("LOCATION")) && identity.equals(rs.getString("IDENTITY"))
                        ? new KnownSource(rs.getLong("BYTES"), rs.getString("HEAD"), rs.getString("CONTENT_SHA256")) : null)
                .optional();
    }

    @Override
    public void remember(URI location, String identity, KnownSource source) {
        String name = location.toString();
        Timestamp now = Timestamp.from(Instant.now());
        try {
            ownTransaction.executeWithoutResult(status -> {
                if (update(name, identity, source, now) == 0) {
                    jdbc.sql("INSERT INTO BACKDROP_SOURCE (LOCATION_HASH, LOCATION, IDENTITY, BYTES, HEAD, CONTENT_SHA256, RECORDED_AT) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                            .params(hash(name), name, identity, source.bytes(), source.head(), source.sha256(), now)
                            .update();
                }
            });
        } catch (DuplicateKeyException raced) {
            // Another worker read the same source (two rows, one photo) and recorded it first. In a
            // transaction of its own: PostgreSQL refuses any statement after a failed one in the same.
            ownTransaction.executeWithoutResult(status -> update(name, identity, source, now));
        }
    }

    private int update(String name, String identity, KnownSource source, Timestamp now) {
        return jdbc.sql("UPDATE BACKDROP_SOURCE SET LOCATION = ?, IDENTITY = ?, BYTES = ?, HEAD = ?, CONTENT_SHA256 = ?, "
                        + "RECORDED_AT = ? WHERE LOCATION_HASH = ?")
                .params(name, identity, source.bytes(), source.head(), source.sha256(), now, hash(name))
                .update();
    }

    private static String hash(String location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
