package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

    @Test
    void childrenGetTheArchivesTheParentWasStartedWithInTheirOrder() {
        List<String> parent = List.of("-Xmx1g", "-XX:SharedArchiveFile=/opt/backdrop/old.jsa",
                "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/opt/backdrop/backdrop.jsa");

        assertThat(ChildJvm.startUpOptions(parent))
                .containsExactly("-XX:SharedArchiveFile=/opt/backdrop/old.jsa", "-XX:SharedArchiveFile=/opt/backdrop/backdrop.jsa");
        assertThat(ChildJvm.startup(parent)).contains("start with -XX:SharedArchiveFile=/opt/backdrop/old.jsa");
    }

    @Test
    void anAotCacheIsPassedOnLikeAnArchive() {
        List<String> parent = List.of("-XX:AOTCache=/opt/backdrop/backdrop.aot", "-Xmx1g");

        assertThat(ChildJvm.startUpOptions(parent)).containsExactly("-XX:AOTCache=/opt/backdrop/backdrop.aot");
        assertThat(ChildJvm.startup(parent)).contains("-XX:AOTCache=/opt/backdrop/backdrop.aot");
    }

    @Test
    void theJitCompilersTopTierIsPassedOnButNotOtherJitOptions() {
        List<String> parent = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=2",
                "-XX:SharedArchiveFile=/opt/backdrop/backdrop.jsa");

        assertThat(ChildJvm.startUpOptions(parent))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/opt/backdrop/backdrop.jsa");
        assertThat(ChildJvm.startup(parent)).contains("start with -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=");
    }

    @Test
    void withoutAnArchiveTheBenchmarkSaysSo() {
        // Training options make an archive; they are not one to start with.
        List<String> parent = List.of("-Xmx1g", "-XX:ArchiveClassesAtExit=/tmp/training.jsa",
                "-XX:AOTCacheOutput=/tmp/training.aot");

        assertThat(ChildJvm.startUpOptions(parent)).isEmpty();
        assertThat(ChildJvm.startup(parent)).contains("without a start-up archive");
    }
}
