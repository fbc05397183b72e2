package io.backdrop.cli;

import io.backdrop.platform.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The console: parses the command line with picocli before anything else starts, so that
 * {@code --help} is instant and a usage mistake costs nothing, then runs the command.
 * Arguments of the form {@code --spring.x=y}, {@code --backdrop.x=y} or {@code --logging.x=y}
 * are Spring properties and go to the application as they are.
 */
public final class BackdropCli {

    /** Characters of an error message printed; the rest is counted, not shown. */
    static final int LONGEST_MESSAGE = 2_000;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<Function<ApplicationStarter, Object>> extraCommands;

    public BackdropCli(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this(environment, out, err, List.of());
    }

    /**
     * @param extraCommands commands from above the console (the benchmark), made with the same
     *                      application starter and added after the console's own
     */
    public BackdropCli(Map<String, String> environment, PrintWriter out, PrintWriter err,
                       List<Function<ApplicationStarter, Object>> extraCommands) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
        this.extraCommands = List.copyOf(extraCommands);
    }

    public int execute(String... args) {
        List<String> commandArguments = new ArrayList<>();
        List<String> springArguments = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--spring.") || arg.startsWith("--backdrop.") || arg.startsWith("--logging.")) {
                springArguments.add(arg);
            } else {
                commandArguments.add(arg);
            }
        }
        ApplicationStarter starter = new ApplicationStarter(springArguments, environment);
        CommandLine commandLine = new CommandLine(new BackdropCommand(), new CommandFactory(starter));
        extraCommands.forEach(command -> commandLine.addSubcommand(command.apply(starter)));
        // --progress LOG and --log-format json alike: picocli reads the enums, naming the choices when refused.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("backdrop: " + shown(e.getMessage()));
                return ExitCodes.USAGE;
            }
            if (e instanceof StartFailure) {
                cmd.getErr().println("backdrop: " + shown(e.getMessage()));
                return ExitCodes.NOT_STARTED;
            }
            cmd.getErr().println("backdrop: " + shown(ApplicationStarter.rootMessage(e)));
            return ExitCodes.JOB_FAILED;
        });
        int code = commandLine.execute(commandArguments.toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }

    /**
     * An error as it is printed: a message may quote input (a manifest's header line, a server's
     * answer), so it is capped and its control characters escaped.
     */
    static String shown(String message) {
        return TerminalText.escape(TerminalText.capped(message, LONGEST_MESSAGE));
    }

    /** Gives commands what they need from the process, without static state. */
    private record CommandFactory(ApplicationStarter starter) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getConstructor(ApplicationStarter.class).newInstance(starter);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
