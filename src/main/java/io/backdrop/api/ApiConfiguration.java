package io.backdrop.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

@Configuration
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {

    /** Lazy: commands that only read job state need no key. */
    @Bean
    @Lazy
    public OneMinClient oneMinClient(ApiProperties properties, ApiKey key, ObjectProvider<CallObserver> observer,
                                     ObjectProvider<SharedPace> sharedPace) {
        return new OneMinClient(properties, key, observer.getIfAvailable(() -> CallObserver.NONE),
                sharedPace.getIfAvailable(() -> SharedPace.NONE));
    }
}
