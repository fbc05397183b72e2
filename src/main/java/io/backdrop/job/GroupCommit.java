package io.backdrop.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: writes that must each be durable before their thread goes on, committed several in
 * one transaction when they arrive together. On H2 with {@code WRITE_DELAY=0} each commit writes a
 * chunk to disk, the largest share of a row's CPU, and with dozens of rows in flight many threads
 * commit at the same moment; the rows in flight are neighbours in the ledger, so a commit of ten of
 * them writes about the pages a commit of one writes.
 *
 * <p>Leader and followers, no thread of its own: a write that finds no commit under way leads. It
 * waits for company at most the window ({@code backdrop.job.commit-window}), counted from when
 * the oldest waiting write came, or until an urgent write comes; writes that arrive meanwhile, or
 * while a commit is under way, wait too. The leader then commits all that are waiting, its own
 * and the others', in one transaction, and each thread goes on once its own write is committed.
 * An urgent write ({@link #commitNow}) waits for no company: it is made while its thread holds
 * something scarce (a call slot), and it takes whatever is waiting along with it; one that finds a
 * transaction under way does not wait for it either, and is committed in a transaction of its own.
 *
 * <p>One shared transaction at a time, its writes in the order they came: two writes of the same thing
 * apply in the order they were made. If a shared transaction fails (one write's SQL error fails all
 * of them, and PostgreSQL refuses every statement after a failed one), it is rolled back and each of
 * its writes is committed again on its own, so each thread gets its own write's outcome, as it would
 * have without the others.
 */
@Component
public class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate ownTransaction;
    private final long windowNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an urgent write comes: the leader stops waiting for company. */
    private final Condition urgentCame = lock.newCondition();
    /** Writes waiting for the next transaction, in the order they came. Guarded by the lock. */
    private List<Write> waiting = new ArrayList<>();
    /** Whether one of the waiting writes is urgent. Guarded by the lock. */
    private boolean urgentWaiting;
    /** Whether a thread commits, or has been chosen to commit next. Guarded by the lock. */
    private boolean leading;
    /** Whether a leader's transaction is under way, its batch taken. Guarded by the lock. */
    private boolean committing;

    /** @param window how long a write may wait for others to share its commit; zero commits at once */
    public GroupCommit(PlatformTransactionManager transactionManager, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("a commit window is not negative, is " + window);
        }
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.windowNanos = window.toNanos();
    }

    @Autowired
    public GroupCommit(PlatformTransactionManager transactionManager, JobProperties properties) {
        this(transactionManager, properties.commitWindow());
    }

    /**
     * Runs the write in a new transaction, perhaps shared with other threads' writes, and returns
     * once it is committed, at most the window later than it would alone. The write may run more
     * than once (in a shared transaction that was then rolled back, and again alone) and on another
     * thread, with that thread's transaction: it must only use the database through the transaction
     * manager's resources. If it or its commit fails, its exception is thrown here and nothing of it
     * is committed.
     */
    public void commit(Runnable work) {
        commit(work, false);
    }

    /** As {@link #commit(Runnable)}, without waiting for company: for a write made while holding something scarce. */
    public void commitNow(Runnable work) {
        commit(work, true);
    }

    private void commit(Runnable work, boolean urgent) {
        Write write = new Write(work, lock.newCondition(), System.nanoTime());
        List<Write> batch;
        lock.lock();
        try {
            // An urgent write that finds a transaction under way is committed beside it, in one of
            // its own, not after it: its thread holds a call slot, and under load a commit under way
            // kept it waiting 5 ms on average (p99 31 ms). No write of the same row can be in that
            // transaction: a thread makes its writes one after the other. Decided under the lock,
            // so that no leader takes a batch between the look and the decision.
            batch = urgent && committing ? null : queue(write, urgent);
        } finally {
            lock.unlock();
        }
        if (batch == null) {
            commitAll(List.of(write));
            write.rethrowFailure();
            return;
        }
        try {
            if (!batch.isEmpty()) {
                try {
                    commitAll(batch);
                } finally {
                    handOver(batch);
                }
            }
        } finally {
            if (write.interruptedWhileLeading) {
                Thread.currentThread().interrupt();
            }
        }
        write.rethrowFailure();
    }

    /**
     * Under the lock: queues the write and waits until a leader has committed it (then the batch
     * is empty) or this thread leads; returns the batch this thread is to commit.
     */
    private List<Write> queue(Write write, boolean urgent) {
        waiting.add(write);
        if (urgent) {
            urgentWaiting = true;
            urgentCame.signal();
        }
        if (leading) {
            // Uninterruptibly: the write is queued and will be committed; returning before its
            // outcome is known would leave the caller not knowing whether it is durable.
            while (!write.settled && !write.leads) {
                write.turn.awaitUninterruptibly();
            }
        }
        // Settled: a leader committed it. Otherwise this thread leads: its write is the first waiting.
        if (write.settled) {
            return List.of();
        }
        leading = true;
        write.interruptedWhileLeading = awaitCompany();
        List<Write> batch = takeWaiting();
        committing = true;
        return batch;
    }

    /**
     * The leader's wait, under the lock, until the oldest waiting write has waited the window or an
     * urgent write comes; whether the thread was interrupted meanwhile (the wait then ends, and the
     * interrupt is kept for the caller: its write is committed all the same).
     */
    private boolean awaitCompany() {
        long deadline = waiting.get(0).came + windowNanos;
        while (!urgentWaiting) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                urgentCame.awaitNanos(left);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private List<Write> takeWaiting() {
        List<Write> batch = waiting;
        waiting = new ArrayList<>();
        urgentWaiting = false;
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
            committing = false;
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
        /** When it came, by {@link System#nanoTime}. */
        private final long came;
        private boolean settled;
        private boolean leads;
        /** Whether its thread was interrupted while it waited for company as the leader; set by that thread. */
        private boolean interruptedWhileLeading;
        private Throwable failure;

        Write(Runnable work, Condition turn, long came) {
            this.work = work;
            this.turn = turn;
            this.came = came;
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
