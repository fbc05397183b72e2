package io.backdrop.validation;

import io.backdrop.model.RowDefaults;
import io.backdrop.storage.LocalSourceStore;
import io.backdrop.storage.Sources;
import java.nio.file.Path;
import java.util.List;

/** RowValidators as these tests make them: over local files only, their relative images beside a manifest. */
final class LocalValidators {

    /** Local files only: no test here reaches a network. */
    static final Sources SOURCES = new Sources(List.of(new LocalSourceStore()));

    /** No prompt, size, quality or background but what a row's cells say. */
    static final RowDefaults NO_DEFAULTS = new RowDefaults("", "", "", "");

    private LocalValidators() {
    }

    /** A validator of a manifest {@code manifest.csv} in {@code folder}: a row's relative image is in that folder. */
    static RowValidator inFolder(Path folder, RowDefaults defaults) {
        return new RowValidator(defaults, folder.resolve("manifest.csv").toUri(), SOURCES);
    }
}
