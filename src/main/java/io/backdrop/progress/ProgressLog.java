package io.backdrop.progress;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as a log line every few seconds, for output that is not a terminal (cron mail, CI
 * logs, a file): a bar redrawn in place would fill those with carriage returns. Being a log
 * line, it follows the log format (JSON with {@code --log-format json}).
 */
final class ProgressLog implements ProgressDisplay {

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final Duration interval;

    ProgressLog(Duration interval) {
        this.interval = interval;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void show(ProgressSnapshot snapshot) {
        log.info(ProgressLine.of(snapshot));
    }

    /** Nothing more: the end summary follows at once and says it all. */
    @Override
    public void finish(ProgressSnapshot snapshot) {
    }
}
