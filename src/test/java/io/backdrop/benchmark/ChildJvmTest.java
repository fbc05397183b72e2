package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

    @Test
    void childrenGetTheArchiveTheParentWasStartedWith() {
        List<String> parent = List.of("-Xmx1g", "-XX:SharedArchiveFile=/opt/backdrop/old.jsa",
                "-XX:SharedArchiveFile=/opt/backdrop/backdrop.jsa");

        assertThat(ChildJvm.sharedArchive(parent)).contains("/opt/backdrop/backdrop.jsa");
        assertThat(ChildJvm.startup(parent)).contains("/opt/backdrop/backdrop.jsa");
    }

    @Test
    void withoutAnArchiveTheBenchmarkSaysSo() {
        List<String> parent = List.of("-Xmx1g", "-XX:ArchiveClassesAtExit=/tmp/training.jsa");

        assertThat(ChildJvm.sharedArchive(parent)).isEmpty();
        assertThat(ChildJvm.startup(parent)).contains("without a class data sharing archive");
    }
}
