package io.backdrop.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/** A database of the test's own for the job repository and the ledger. */
public record TestDatabase(String url, String user, String password, Runnable onClose) implements AutoCloseable {

    /** The databases Backdrop supports, for tests that run on each. */
    public enum Kind {
        H2(TestDatabase::h2),
        POSTGRES(work -> TestDatabase.localPostgres());

        private final Function<Path, TestDatabase> open;

        Kind(Function<Path, TestDatabase> open) {
            this.open = open;
        }

        /** A database of this kind for a test; an H2 file goes into the folder. */
        public TestDatabase open(Path work) {
            return open.apply(work);
        }
    }

    /** An H2 file, the default kind, in a folder of the test's own. */
    public static TestDatabase h2(Path folder) {
        return new TestDatabase("jdbc:h2:file:" + folder.resolve("db/backdrop") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "", () -> { });
    }

    /**
     * A fresh database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth),
     * dropped afterwards. Without a server the test is skipped, except under CI, where it fails.
     */
    public static TestDatabase localPostgres() {
        return postgres("jdbc:postgresql://127.0.0.1:5432/", "postgres", "");
    }

    /** A fresh database on a PostgreSQL server reached as an administrator. */
    public static TestDatabase postgres(String serverUrl, String user, String password) {
        String name = "backdrop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + serverUrl + " is not available: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI runs the PostgreSQL tests: start the server)");
            }
            Assumptions.abort(reason);
        }
        return new TestDatabase(serverUrl + name, user, password, () -> {
            try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // a leftover test database is harmless
            }
        });
    }

    /** The Spring datasource settings, as command-line arguments. */
    public List<String> springArguments() {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    /** A count from the database, e.g. of the ledger's rows in a status. */
    public long count(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
