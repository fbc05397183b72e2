package io.backdrop;

import io.backdrop.cli.BackdropCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application behind every command that needs job state; the console comes first. */
@SpringBootApplication
public class BackdropApplication {

    public static void main(String[] args) {
        System.exit(BackdropCli.standard().execute(args));
    }
}
