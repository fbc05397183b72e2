package io.backdrop.platform;

import java.util.Map;

/**
 * The environment variables the console was started with, as a bean: code that reads variables
 * (the AWS settings, say) takes them from here rather than from {@link System#getenv()}, so that
 * the console run in a test sees exactly the variables the test hands it.
 */
public record ProcessEnvironment(Map<String, String> variables) {

    public ProcessEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's own environment. */
    public static ProcessEnvironment system() {
        return new ProcessEnvironment(System.getenv());
    }
}
