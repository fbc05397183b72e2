package io.backdrop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BackdropApplication {
}
