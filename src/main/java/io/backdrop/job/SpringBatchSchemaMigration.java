package io.backdrop.job;

import java.sql.Connection;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Creates Spring Batch's own tables from the script that ships in spring-batch-core, under
 * Flyway's control, so the job repository and the row ledger are migrated by one tool, once,
 * in order, on H2 and PostgreSQL alike.
 */
@Component
public class SpringBatchSchemaMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
        return "Spring Batch job repository";
    }

    @Override
    public Integer getChecksum() {
        return 6_0;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String platform = product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : null;
        if (platform == null) {
            throw new IllegalStateException("unsupported database: " + product + " (use H2 or PostgreSQL)");
        }
        ScriptUtils.executeSqlScript(connection,
                new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
    }
}
