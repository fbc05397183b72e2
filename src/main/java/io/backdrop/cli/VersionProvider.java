package io.backdrop.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so it cannot drift from the pom. */
public class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"backdrop " + (version == null ? "(development build)" : version)};
    }
}
