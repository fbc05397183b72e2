package io.backdrop.cli;

import java.sql.SQLException;
import java.util.Optional;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;

/**
 * Backdrop could not start: a part it needs failed (the job database cannot be reached, a bean
 * could not be made). Not a usage mistake, and worded as what failed; like one, nothing was run
 * and nothing was paid for (exit code 2, {@link ExitCodes#NOT_STARTED}).
 */
public class StartFailure extends RuntimeException {

    public StartFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure worded as what failed: the database with its address, else the part being made. */
    static StartFailure of(RuntimeException failure, Environment environment) {
        String root = ApplicationStarter.rootMessage(failure);
        if (causedBy(failure, SQLException.class) || causedBy(failure, DataAccessException.class)) {
            return new StartFailure("cannot start: the job database " + databaseLocation(environment)
                    + " cannot be used: " + root, failure);
        }
        return new StartFailure("cannot start" + innermostBean(failure).map(bean -> " (making " + bean + ")").orElse("")
                + ": " + root, failure);
    }

    /** The job repository's address, without any password it may carry. */
    static String databaseLocation(Environment environment) {
        String url = environment == null ? "" : environment.getProperty("spring.datasource.url", "");
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> innermostBean(Throwable failure) {
        String bean = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BeanCreationException creation && creation.getBeanName() != null) {
                bean = creation.getBeanName();
            }
        }
        return Optional.ofNullable(bean);
    }
}
