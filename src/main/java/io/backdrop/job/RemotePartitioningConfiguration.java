package io.backdrop.job;

import io.backdrop.api.ApiProperties;
import io.backdrop.api.DatabasePace;
import io.backdrop.api.RateLimit;
import io.backdrop.api.SharedPace;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;

/**
 * Remote partitioning over RabbitMQ: the manager ({@code run --remote}) sends each partition's
 * {@link StepExecutionRequest} to the queue through Spring Integration AMQP and watches the job
 * repository for the partitions' ends; a worker ({@code worker}) takes one request at a time
 * (prefetch 1) and works it with {@link PartitionWorker}. Only the step execution's id travels: the
 * partition's rows, state and results live in the shared database.
 */
@Configuration
@EnableIntegration
@ConditionalOnExpression("${backdrop.partition.remote:false} or ${backdrop.remote.worker:false}")
public class RemotePartitioningConfiguration {

    /** Durable: partitions sent survive a broker restart. Declared by whichever side connects first. */
    @Bean
    public Queue partitionQueue(RemoteProperties remote) {
        return QueueBuilder.durable(remote.queue()).build();
    }

    @Bean
    @ConditionalOnProperty(name = "backdrop.partition.remote", havingValue = "true")
    public PartitionHandler remotePartitionHandler(RabbitTemplate rabbit, JobRepository jobRepository,
                                                   RemoteProperties remote, PartitionProperties partitions,
                                                   PartitionLeases leases, JobTally tally, BeanFactory beanFactory)
            throws Exception {
        AmqpOutboundEndpoint sender = new AmqpOutboundEndpoint(rabbit);
        sender.setRoutingKey(remote.queue());
        sender.setBeanFactory(beanFactory);
        sender.afterPropertiesSet();
        DirectChannel requests = new DirectChannel();
        requests.subscribe(sender);
        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
        handler.setStepName(BackdropJobConfiguration.PARTITION_STEP);
        handler.setGridSize(partitions.gridSize());
        handler.setMessagingOperations(new MessagingTemplate(requests));
        // No reply channel: the manager learns each partition's end from the shared job
        // repository, so a partition a worker finishes after the manager restarted is seen too.
        handler.setJobRepository(jobRepository);
        handler.setPollInterval(remote.pollInterval().toMillis());
        handler.afterPropertiesSet();
        return new LeasedPartitionHandler(handler, leases, tally, jobRepository, remote.pollInterval());
    }

    /**
     * A worker's rate limit holds across all the workers of its deployment (its queue) together:
     * they draw from one token bucket in the shared database, beside each one's own adaptive limit.
     */
    @Bean
    @ConditionalOnExpression("${backdrop.remote.worker:false} and '${backdrop.api.rate-limit:}' != ''")
    public SharedPace sharedPace(DataSource dataSource, ApiProperties api, RemoteProperties remote) {
        RateLimit limit = RateLimit.parse(api.rateLimit());
        return new DatabasePace(dataSource, DatabasePace.bucketId(remote.queue(), limit), limit);
    }

    @Bean
    @ConditionalOnProperty(name = "backdrop.remote.worker", havingValue = "true")
    public PartitionWorker partitionWorker(JobRepository jobRepository, @Qualifier("partitionStep") Step partitionStep,
                                           PartitionLeases leases, JobTally tally, RemoteProperties remote) {
        return new PartitionWorker(jobRepository, partitionStep, leases, tally, remote);
    }

    /**
     * The worker's consumer: one partition at a time (prefetch 1), acknowledged when worked. Not
     * started with the application: the worker command starts it once the database and broker are
     * known to be fit.
     */
    @Bean
    @ConditionalOnProperty(name = "backdrop.remote.worker", havingValue = "true")
    public AmqpInboundChannelAdapter partitionReceiver(ConnectionFactory connectionFactory, RemoteProperties remote,
                                                       PartitionWorker worker, BeanFactory beanFactory) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(remote.queue());
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        // A failure outside the partition's own handling (the database gone) goes back to the queue
        // for another worker; a request no worker can take is rejected for good (PartitionWorker).
        container.setDefaultRequeueRejected(true);
        // Stopping waits for the partition in hand: SIGTERM stops it at its next chunk first.
        container.setShutdownTimeout(Long.MAX_VALUE / 2);
        container.setMissingQueuesFatal(false);
        DirectChannel partitions = new DirectChannel();
        partitions.subscribe(worker);
        AmqpInboundChannelAdapter receiver = new AmqpInboundChannelAdapter(container);
        SimpleMessageConverter converter = new SimpleMessageConverter();
        // Java serialization, limited to the request's own class and what it holds.
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
        receiver.setMessageConverter(converter);
        receiver.setOutputChannel(partitions);
        receiver.setAutoStartup(false);
        receiver.setBeanFactory(beanFactory);
        return receiver;
    }
}
