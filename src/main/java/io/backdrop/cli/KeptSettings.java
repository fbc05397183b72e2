package io.backdrop.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.backdrop.job.RunSettingsListener;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Puts the settings a restart keeps ({@link RunSettingsListener}) into the run's own application,
 * right below the options typed for the restart ({@link OptionProperties}), which win over them.
 * They are read from the job database as the application's environment is ready, before any of
 * its beans is made, since they shape those beans (the workers, the client); a first application
 * started only to read them made every restart's start-up longer (its step began 0.3 to 0.5 s later, timed by hand).
 * <p>
 * The pool they are read with keeps its connection until the application has started: with H2,
 * closing a database's last connection closes the database, compacting it, for the application to
 * open it again a moment later.
 */
final class KeptSettings implements SmartApplicationListener {

    static final String NAME = "backdropKeptSettings";

    private final long executionId;
    private HikariDataSource database;

    KeptSettings(long executionId) {
        this.executionId = executionId;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            ConfigurableEnvironment environment = prepared.getEnvironment();
            Map<String, Object> kept = new HashMap<>(read(environment));
            environment.getPropertySources().addAfter(OptionProperties.NAME, new MapPropertySource(NAME, kept));
        } else {
            close();
        }
    }

    /** After logging is set up, and so after application.properties is read: it holds the database's address. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /**
     * The kept settings; none when the database holds no job yet (the run's application then
     * creates its tables and says the execution does not exist).
     */
    private Map<String, String> read(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        DataSourceProperties properties = binder.bind("spring.datasource", DataSourceProperties.class)
                .orElseGet(DataSourceProperties::new);
        try {
            properties.afterPropertiesSet();
            // Configured as the run's own pool is (spring.datasource.hikari.*, a PostgreSQL's SSL
            // settings among them), with one connection, which it keeps until it is closed.
            database = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            binder.bind("spring.datasource.hikari", Bindable.ofInstance(database));
            database.setPoolName("backdrop-kept-settings");
            database.setMaximumPoolSize(1);
            database.setMinimumIdle(1);
            JdbcJobRepositoryFactoryBean repository = new JdbcJobRepositoryFactoryBean();
            repository.setDataSource(database);
            repository.setTransactionManager(new JdbcTransactionManager(database));
            repository.afterPropertiesSet();
            return RunSettingsListener.keptFor(repository.getObject(), executionId);
        } catch (BadSqlGrammarException noJobTables) {
            return Map.of();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot read the settings of execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    private void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
