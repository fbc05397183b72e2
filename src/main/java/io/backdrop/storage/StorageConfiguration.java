package io.backdrop.storage;

import io.backdrop.platform.ProcessEnvironment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StorageConfiguration {

    /**
     * One S3 client for the process, built only when an s3:// location is first used, from the
     * variables the console was given (the process's own unless a caller hands it others), with
     * a connection pool sized to the run's concurrency.
     */
    @Bean(destroyMethod = "close")
    public S3ClientFactory s3ClientFactory(@Value("${backdrop.s3.endpoint:#{null}}") String endpoint,
                                           @Value("${backdrop.job.concurrency:8}") int concurrency,
                                           ObjectProvider<ProcessEnvironment> environment) {
        return S3ClientFactory.standard(endpoint, environment.getIfAvailable(ProcessEnvironment::system).variables(),
                Math.max(1, concurrency));
    }

    @Bean
    public Sources sources(S3ClientFactory s3) {
        return Sources.standard(s3);
    }
}
