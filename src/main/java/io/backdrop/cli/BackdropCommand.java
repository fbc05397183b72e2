package io.backdrop.cli;

import picocli.CommandLine.Command;

@Command(name = "backdrop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Re-themes product photos in batch with 1min.ai's GPT Image 2 Background Replacer.",
        subcommands = {RunCommand.class, PlanCommand.class, RestartCommand.class, StopCommand.class,
                AbandonCommand.class, ListCommand.class, StatusCommand.class, FailuresCommand.class,
                SandboxCommand.class, WorkerCommand.class},
        footer = {"", "Exit codes: 0 every row succeeded; 3 the job completed with rejected or failed rows;",
                "1 the job failed or was stopped; 2 bad usage or configuration."})
public class BackdropCommand {
}
