package io.backdrop.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: writes that must each be durable before their thread goes on, committed several in
 * one transaction when they arrive together. On H2 with {@code WRITE_DELAY=0} each commit writes a
 * chunk to disk, the largest share of a row's CPU, and with dozens of rows in flight many threads
 * commit at the same moment.
 *
 * <p>Leader and followers, no thread of its own and no timer: a write that finds no commit under
 * way commits at once, alone. Writes that arrive while one is under way wait; when it ends, the
 * first of them commits all that are waiting, its own and the others', in one transaction, and
 * each thread goes on once its own write is committed. So a lone write waits for nothing and
 * batches form by themselves under load.
 *
 * <p>One transaction at a time, its writes in the order they came: two writes of the same thing
 * apply in the order they were made. If a shared transaction fails (one write's SQL error fails all
 * of them, and PostgreSQL refuses every statement after a failed one), it is rolled back and each of
 * its writes is committed again on its own, so each thread gets its own write's outcome, as it would
 * have without the others.
 */
@Component
public class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate ownTransaction;
    private final ReentrantLock lock = new ReentrantLock();
    /** Writes waiting for the next transaction, in the order they came. Guarded by the lock. */
    private List<Write> waiting = new ArrayList<>();
    /** Whether a thread commits, or has been chosen to commit next. Guarded by the lock. */
    private boolean leading;

    public GroupCommit(PlatformTransactionManager transactionManager) {
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs the write in a new transaction, perhaps shared with other threads' writes, and returns
     * once it is committed. The write may run more than once (in a shared transaction that was then
     * rolled back, and again alone) and on another thread, with that thread's transaction: it must
     * only use the database through the transaction manager's resources. If it or its commit fails,
     * its exception is thrown here and nothing of it is committed.
     */
    public void commit(Runnable work) {
        Write write = new Write(work, lock.newCondition());
        List<Write> batch;
        lock.lock();
        try {
            waiting.add(write);
            if (leading) {
                // Uninterruptibly: the write is queued and will be committed; returning before its
                // outcome is known would leave the caller not knowing whether it is durable.
                while (!write.settled && !write.leads) {
                    write.turn.awaitUninterruptibly();
                }
            }
            // Settled: a leader committed it. Otherwise this thread leads: its write is the first waiting.
            batch = write.settled ? List.of() : takeWaiting();
        } finally {
            lock.unlock();
        }
        if (!batch.isEmpty()) {
            try {
                commitAll(batch);
            } finally {
                handOver(batch);
            }
        }
        write.rethrowFailure();
    }

    private List<Write> takeWaiting() {
        leading = true;
        List<Write> batch = waiting;
        waiting = new ArrayList<>();
        return batch;
    }

    /** Writes queued and not yet taken into a transaction: for tests that need a batch to form. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void commitAll(List<Write> batch) {
        // The commit is the other threads' too: an interrupt meant to stop this thread's own work
        // must not reach the database driver and fail their writes.
        boolean interrupted = Thread.interrupted();
        try {
            if (batch.size() > 1 && committedTogether(batch)) {
                return;
            }
            for (Write write : batch) {
                try {
                    ownTransaction.executeWithoutResult(status -> write.work.run());
                } catch (RuntimeException | Error e) {
                    write.failure = e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean committedTogether(List<Write> batch) {
        try {
            ownTransaction.executeWithoutResult(status -> batch.forEach(write -> write.work.run()));
            return true;
        } catch (RuntimeException | Error e) {
            log.debug("a commit of {} writes failed ({}); each is committed on its own", batch.size(), e.toString());
            return false;
        }
    }

    /** Wakes the batch's threads and makes the first write that waits for a transaction the next leader. */
    private void handOver(List<Write> batch) {
        lock.lock();
        try {
            for (Write write : batch) {
                write.settled = true;
                write.turn.signal();
            }
            if (waiting.isEmpty()) {
                leading = false;
            } else {
                Write next = waiting.get(0);
                next.leads = true;
                next.turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A write and what became of it; its fields are read and written under the lock, or before it is settled. */
    private static final class Write {

        private final Runnable work;
        private final Condition turn;
        private boolean settled;
        private boolean leads;
        private Throwable failure;

        Write(Runnable work, Condition turn) {
            this.work = work;
            this.turn = turn;
        }

        /** Throws what the write failed with, if it did: on the caller's thread, as if it had committed alone. */
        void rethrowFailure() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
