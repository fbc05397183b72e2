package io.backdrop.cli;

import io.backdrop.job.JobControlException;
import io.backdrop.platform.ProcessEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts the Spring application for a command, once its options are parsed, with the
 * properties the options imply and any Spring properties given as {@code --spring.x=y}. The
 * environment variables the console was given are a {@link ProcessEnvironment} bean.
 */
public class ApplicationStarter {

    private final List<String> springArguments;
    private final Map<String, String> environment;

    public ApplicationStarter(List<String> springArguments, Map<String, String> environment) {
        this.springArguments = List.copyOf(springArguments);
        this.environment = Map.copyOf(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** What a command does with its application, which is closed after. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ConfigurableApplicationContext context) throws Exception;
    }

    /** Runs a command's work in an application with no properties of its own; see {@link #run(Map, Consumer, Work)}. */
    public <T> T run(Work<T> work) throws Exception {
        return run(Map.of(), beans -> { }, work);
    }

    /**
     * Starts the application, runs the work, closes the application. A job control the job
     * refuses (no such execution, not running, already completed) is the user's mistake: a usage error.
     */
    public <T> T run(Map<String, Object> properties, Consumer<GenericApplicationContext> beans, Work<T> work)
            throws Exception {
        return run(properties, beans, List.of(), work);
    }

    /** As {@link #run(Map, Consumer, Work)}, with more listeners of the application's start. */
    public <T> T run(Map<String, Object> properties, Consumer<GenericApplicationContext> beans,
                     List<ApplicationListener<?>> listeners, Work<T> work) throws Exception {
        try (ConfigurableApplicationContext context = start(properties, beans, listeners)) {
            return work.run(context);
        } catch (JobControlException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * @param listeners more listeners of the application's start, besides those every command's
     *                  application has (a restart's {@link KeptSettings})
     */
    private ConfigurableApplicationContext start(Map<String, Object> properties, Consumer<GenericApplicationContext> beans,
                                                 List<ApplicationListener<?>> listeners) {
        OptionProperties options = new OptionProperties(properties);
        List<ApplicationListener<?>> all = new ArrayList<>(List.of(options, new UnusedAutoConfigurations()));
        all.addAll(listeners);
        try {
            return new SpringApplicationBuilder(BackdropApplication.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .listeners(all.toArray(ApplicationListener<?>[]::new))
                    .initializers(context -> {
                        GenericApplicationContext generic = (GenericApplicationContext) context;
                        generic.registerBean(ProcessEnvironment.class, () -> new ProcessEnvironment(environment));
                        beans.accept(generic);
                    })
                    .run(springArguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            // A setting's value is the user's to fix; anything else is a part that failed to start.
            Optional<String> setting = SettingProblem.find(e, options.environment());
            if (setting.isPresent()) {
                throw new UsageException(setting.get(), e);
            }
            throw StartFailure.of(e, options.environment());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
