package io.backdrop.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What remote partitioning needs before a manager sends a partition or a worker takes one: a
 * database the manager and every worker share (not the default H2 file of one machine) and a
 * reachable broker. Refused with what to configure, before anything is sent or paid for.
 */
@Component
public class RemoteReadiness {

    private final DataSource dataSource;
    private final ObjectProvider<ConnectionFactory> brokers;

    /** The broker's connection is configured only for a remote job or a worker (see the console). */
    public RemoteReadiness(DataSource dataSource, ObjectProvider<ConnectionFactory> brokers) {
        this.dataSource = dataSource;
        this.brokers = brokers;
    }

    /** @throws JobControlException naming what to configure */
    public void check(String role) {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new JobControlException("cannot open the database: " + e.getMessage());
        }
        if (database.toLowerCase(Locale.ROOT).contains("h2")) {
            throw new JobControlException(role + " needs a database shared by the manager and every worker, not the "
                    + "local H2 file: set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to a PostgreSQL database, "
                    + "e.g. jdbc:postgresql://db-host:5432/backdrop");
        }
        ConnectionFactory broker = brokers.getIfAvailable();
        if (broker == null) {
            throw new IllegalStateException(role + ": no RabbitMQ connection was configured for this application");
        }
        try {
            broker.createConnection().close();
        } catch (AmqpException e) {
            throw new JobControlException(role + " needs RabbitMQ, which is not reachable at " + broker.getHost() + ":"
                    + broker.getPort() + " (" + rootMessage(e) + "): set SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT, "
                    + "SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD, or SPRING_RABBITMQ_ADDRESSES");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
