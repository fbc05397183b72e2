package io.backdrop.storage;

import io.backdrop.model.CallConcurrency;
import io.backdrop.platform.ProcessEnvironment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(SourceProperties.class)
public class StorageConfiguration {

    /**
     * One S3 client for the process, built only when an s3:// location is first used, from the
     * variables the console was given (the process's own unless a caller hands it others), with
     * a connection pool for every row the run works on at once: its calls in flight and the rows
     * staged, uploaded and published around them (each may read or write S3 at the same moment).
     */
    @Bean(destroyMethod = "close")
    public S3ClientFactory s3ClientFactory(@Value("${backdrop.s3.endpoint:#{null}}") String endpoint,
                                           @Value("${backdrop.job.concurrency:8}") int concurrency,
                                           @Value("${backdrop.job.headroom:#{null}}") Integer headroom,
                                           ObjectProvider<ProcessEnvironment> environment) {
        return S3ClientFactory.standard(endpoint, environment.getIfAvailable(ProcessEnvironment::system).variables(),
                CallConcurrency.of(Math.max(1, concurrency), headroom).rows());
    }

    @Bean
    public Sources sources(S3ClientFactory s3, SourceProperties http) {
        return Sources.standard(s3, http);
    }
}
