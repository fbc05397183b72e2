package io.backdrop.cli;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * The small application a restart reads the settings it keeps with, before it starts the run's
 * own: the job database and Spring Batch's repository over it, configured by the same properties
 * as {@link BackdropApplication}, and nothing else. Starting the whole application twice cost a
 * restart seconds of start-up for one read.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class})
class JobStateApplication {
}
