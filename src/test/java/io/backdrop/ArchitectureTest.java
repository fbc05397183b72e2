package io.backdrop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps docs/ARCHITECTURE.md true of the main code: its table of which package may import
 * which, and no packages that import each other in a circle.
 */
class ArchitectureTest {

    private static final String BASE = "io.backdrop";
    private static final List<String> BASE_LAYER = List.of("model", "platform");
    private static final List<String> CAPABILITIES = List.of("manifest", "validation", "api", "storage", "report",
            "sandbox");

    /** Each package and the Backdrop packages it may import besides itself: the document's table. */
    private static final Map<String, List<String>> MAY_IMPORT = new LinkedHashMap<>();

    static {
        List<String> belowConsole = concat(List.of("job"), CAPABILITIES, BASE_LAYER);
        MAY_IMPORT.put("cli", concat(List.of("progress", "metrics", "jobfile"), belowConsole));
        MAY_IMPORT.put("benchmark", concat(List.of("cli", "progress", "metrics", "jobfile"), belowConsole));
        MAY_IMPORT.put("progress", belowConsole);
        MAY_IMPORT.put("metrics", belowConsole);
        MAY_IMPORT.put("jobfile", belowConsole);
        MAY_IMPORT.put("job", concat(List.of("manifest", "validation", "api", "storage", "report"), BASE_LAYER));
        MAY_IMPORT.put("manifest", BASE_LAYER);
        MAY_IMPORT.put("validation", concat(List.of("manifest", "storage"), BASE_LAYER));
        MAY_IMPORT.put("api", BASE_LAYER);
        MAY_IMPORT.put("storage", BASE_LAYER);
        MAY_IMPORT.put("report", concat(List.of("storage"), BASE_LAYER));
        MAY_IMPORT.put("sandbox", BASE_LAYER);
        MAY_IMPORT.put("model", List.of());
        MAY_IMPORT.put("platform", List.of());
    }

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void noPackagesImportEachOtherInACircle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> packages = main.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(BASE + "."))
                .map(name -> name.substring(BASE.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(MAY_IMPORT.keySet()).containsAll(packages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void packageImportsOnlyWhatTheTableAllows(String pkg) {
        String[] allowed = Stream.concat(Stream.of(pkg), MAY_IMPORT.get(pkg).stream())
                .map(name -> BASE + "." + name + "..").toArray(String[]::new);
        classes().that().resideInAPackage(BASE + "." + pkg + "..")
                .should().onlyDependOnClassesThat(not(resideInAPackage(BASE + "..")).or(resideInAnyPackage(allowed)))
                .allowEmptyShould(true)
                .check(main);
    }

    static Stream<String> packages() {
        return MAY_IMPORT.keySet().stream();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
