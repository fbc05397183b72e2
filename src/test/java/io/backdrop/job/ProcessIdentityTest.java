package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    @Test
    void thisProcessIsNotDead() {
        assertThat(ProcessIdentity.current().knownDead()).isFalse();
    }

    @Test
    void aProcessThatExitedOnThisHostIsKnownDead() throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        ended.waitFor();

        assertThat(new ProcessIdentity(ProcessIdentity.current().host(), ended.pid()).knownDead()).isTrue();
    }

    @Test
    void aProcessOnAnotherHostIsNeverKnownDead() {
        assertThat(new ProcessIdentity("some-other-host", Long.MAX_VALUE - 1).knownDead()).isFalse();
    }
}
