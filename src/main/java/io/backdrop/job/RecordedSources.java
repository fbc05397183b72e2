package io.backdrop.job;

import io.backdrop.storage.KnownSource;
import io.backdrop.storage.KnownSources;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link KnownSources} in the job database (BACKDROP_SOURCE), shared by every job and by
 * {@code plan}: one row per source location, the latest content read there.
 * <p>
 * What is read is written in batches, in one commit each, at the latest when the job ends: a
 * record is only a saving (a source not found here is read again), so a crash that loses the last
 * batch costs a re-read the next night, never money, while a commit per source would cost every
 * row of a first night one more disk write.
 */
@Component
public class RecordedSources implements KnownSources, StepExecutionListener, JobExecutionListener, DisposableBean {

    /** Records kept for one commit; a first night of a catalog writes one commit per this many sources. */
    static final int BATCH = 64;

    private record Pending(String name, String identity, KnownSource source, Timestamp at) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate savepoint;
    /** Records not yet written, by location: a later read of the same location replaces an earlier one. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    public RecordedSources(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Optional<KnownSource> find(URI location, String identity) {
        String name = location.toString();
        synchronized (pending) {
            Pending waiting = pending.get(name);
            if (waiting != null) {
                return waiting.identity().equals(identity) ? Optional.of(waiting.source()) : Optional.empty();
            }
        }
        return jdbc.sql("SELECT LOCATION, IDENTITY, BYTES, HEAD, CONTENT_SHA256 FROM BACKDROP_SOURCE WHERE LOCATION_HASH = ?")
                .param(hash(name))
                .query((rs, n) -> name.equals(rs.getString("LOCATION")) && identity.equals(rs.getString("IDENTITY"))
                        ? new KnownSource(rs.getLong("BYTES"), rs.getString("HEAD"), rs.getString("CONTENT_SHA256")) : null)
                .optional();
    }

    @Override
    public void remember(URI location, String identity, KnownSource source) {
        String name = location.toString();
        List<Pending> batch = null;
        synchronized (pending) {
            pending.put(name, new Pending(name, identity, source, Timestamp.from(Instant.now())));
            if (pending.size() >= BATCH) {
                batch = drain();
            }
        }
        if (batch != null) {
            write(batch);
        }
    }

    /** Writes what is waiting. */
    public void flush() {
        List<Pending> batch;
        synchronized (pending) {
            batch = drain();
        }
        write(batch);
    }

    /** At each step's end: a worker process runs partitions for days and never sees a job end. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        flush();
        return null;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        flush();
    }

    @Override
    public void destroy() {
        flush();
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(pending.values());
        pending.clear();
        return batch;
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> {
            for (Pending record : batch) {
                if (update(record) == 0) {
                    try {
                        // Under a savepoint: PostgreSQL refuses any statement after a failed one in a transaction.
                        savepoint.executeWithoutResult(nested -> insert(record));
                    } catch (DuplicateKeyException raced) {
                        // Another process read the same source and recorded it first.
                        update(record);
                    }
                }
            }
        });
    }

    private void insert(Pending record) {
        jdbc.sql("INSERT INTO BACKDROP_SOURCE (LOCATION_HASH, LOCATION, IDENTITY, BYTES, HEAD, CONTENT_SHA256, RECORDED_AT) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(hash(record.name()), record.name(), record.identity(), record.source().bytes(),
                        record.source().head(), record.source().sha256(), record.at())
                .update();
    }

    private int update(Pending record) {
        return update(record.name(), record.identity(), record.source(), record.at());
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
