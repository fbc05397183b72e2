package io.backdrop.cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring application behind every command that needs job state; the console comes first.
 * It lives with the console that starts it and scans every Backdrop package from the root.
 */
@SpringBootApplication(scanBasePackages = "io.backdrop")
public class BackdropApplication {
}
