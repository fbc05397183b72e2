package io.backdrop.storage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StorageConfiguration {

    /** One S3 client for the process, built only when an s3:// location is first used. */
    @Bean(destroyMethod = "close")
    public S3ClientFactory s3ClientFactory(@Value("${backdrop.s3.endpoint:#{null}}") String endpoint) {
        return S3ClientFactory.standard(endpoint);
    }

    @Bean
    public Sources sources(S3ClientFactory s3) {
        return Sources.standard(s3);
    }
}
