package io.backdrop.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@link SharedPace} of processes sharing one PostgreSQL database: a Bucket4j token bucket kept
 * in a table row (select for update), refilled at the rate limit's pace and holding at most one
 * period's calls. A 429 removes half a period's tokens, so every process waits about half a period
 * before its next call, whichever of them was answered 429.
 */
public final class DatabasePace implements SharedPace {

    private final Bucket bucket;
    private final int penalty;

    /**
     * @param dataSource the database the processes share
     * @param bucketId   the bucket's row: processes sharing the row share the limit
     * @param limit      calls per period, across all of them
     */
    public DatabasePace(DataSource dataSource, long bucketId, RateLimit limit) {
        var buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("BACKDROP_RATE_BUCKET").idColumn("ID").stateColumn("STATE").build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()))
                .build();
        this.bucket = buckets.builder().build(bucketId, () -> configuration);
        this.penalty = Math.max(1, limit.permits() / 2);
    }

    /**
     * The bucket of processes that share a scope (a deployment's queue) and a rate: the same row
     * for all of them, and another row for another rate, so a bucket never changes its rate.
     */
    public static long bucketId(String scope, RateLimit limit) {
        return UUID.nameUUIDFromBytes((scope + "|" + limit).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** Calls the bucket would allow now, across every process; negative after a 429's penalty. */
    public long available() {
        return bucket.getAvailableTokens();
    }

    @Override
    public <T> T call(Supplier<T> call) {
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the shared rate limit", e);
        }
        try {
            return call.get();
        } catch (ApiException failure) {
            if (failure.httpStatus() == 429) {
                bucket.consumeIgnoringRateLimits(penalty);
            }
            throw failure;
        }
    }
}
