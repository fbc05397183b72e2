package io.backdrop.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning's settings beside Spring Boot's {@code spring.rabbitmq.*}.
 *
 * @param queue        the queue partitions travel on; deployments (and tests) sharing a broker each use their own
 * @param leaseTimeout how long a partition's owner may go without a heartbeat before another worker
 *                     takes its partition over: the bound on how long a killed worker's partition waits
 * @param heartbeat    how often a worker renews the lease of the partition in hand; well below the timeout
 * @param pollInterval how often the manager reads the job repository for its partitions' states
 */
@ConfigurationProperties("backdrop.remote")
public record RemoteProperties(
        @DefaultValue("backdrop.partitions") String queue,
        @DefaultValue("30s") Duration leaseTimeout,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval) {

    public RemoteProperties {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("backdrop.remote.queue must name a queue");
        }
        if (heartbeat.compareTo(leaseTimeout) >= 0) {
            throw new IllegalArgumentException("backdrop.remote.heartbeat (" + heartbeat
                    + ") must be shorter than backdrop.remote.lease-timeout (" + leaseTimeout + ")");
        }
    }
}
