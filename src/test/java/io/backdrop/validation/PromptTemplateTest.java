package io.backdrop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    private static final Map<String, String> CELLS = cells(
            "id", "mug-1", "image", "mug.png", "prompt", "", "title", "Blue mug", "color", " navy ");

    @Test
    void placeholdersAreFilledFromTheRowsCellsWithOrWithoutSpacesInsideTheBraces() {
        PromptTemplate template = PromptTemplate.compile("a {{title}} in {{ color }} on snow, id {{  id  }}");

        assertThat(filled(template.render(CELLS))).isEqualTo("a Blue mug in navy on snow, id mug-1");
        assertThat(template.hasPlaceholders()).isTrue();
    }

    @Test
    void aTemplateWithoutPlaceholdersIsItsOwnText() {
        PromptTemplate template = PromptTemplate.compile("a sunlit marble counter");

        assertThat(template.hasPlaceholders()).isFalse();
        assertThat(filled(template.render(Map.of()))).isEqualTo("a sunlit marble counter");
    }

    @Test
    void textThatIsNoPlaceholderIsKeptAsWritten() {
        PromptTemplate template = PromptTemplate.compile("{{}} {{ }} {title} {{title} }} {{ti{tle}} {{{title}}}");

        assertThat(filled(template.render(CELLS))).isEqualTo("{{}} {{ }} {title} {{title} }} {{ti{tle}} {Blue mug}");
    }

    @Test
    void aCellIsInsertedAsItIsAndNeverReadAsATemplate() {
        Map<String, String> cells = cells("image", "x.png", "title", "{{image}}", "note", "{{nope}}");

        assertThat(filled(PromptTemplate.compile("{{title}} / {{note}}").render(cells))).isEqualTo("{{image}} / {{nope}}");
    }

    @Test
    void anEmptyCellFillsWithNothing() {
        assertThat(filled(PromptTemplate.compile("[{{prompt}}]").render(CELLS))).isEqualTo("[]");
    }

    @Test
    void aColumnIsMatchedByItsExactNameElseIgnoringCase() {
        Map<String, String> cells = cells("image", "x.png", "Title", "Capitalised", "TITLE", "Shouting", "title", "exact");

        assertThat(filled(PromptTemplate.compile("{{Title}}").render(cells))).isEqualTo("Capitalised");
        assertThat(filled(PromptTemplate.compile("{{title}}").render(cells))).isEqualTo("exact");
        assertThat(filled(PromptTemplate.compile("{{tItLe}}").render(cells))).isEqualTo("Capitalised");
    }

    @Test
    void anUnknownColumnNamesItselfAndTheColumnsTheManifestHas() {
        PromptTemplate.Rendering rendering = PromptTemplate.compile("a {{title}} in {{colour}}").render(CELLS);

        assertThat(rendering).isInstanceOf(PromptTemplate.Rendering.UnknownColumns.class);
        assertThat(((PromptTemplate.Rendering.UnknownColumns) rendering).message())
                .isEqualTo("unknown column 'colour' in {{colour}}; the manifest has: id, image, prompt, title, color");
    }

    @Test
    void everyUnknownColumnIsNamedOnce() {
        PromptTemplate.Rendering rendering = PromptTemplate.compile("{{ a }} {{b}} {{ a }} {{c}} {{title}}").render(CELLS);

        assertThat(((PromptTemplate.Rendering.UnknownColumns) rendering).message()).isEqualTo(
                "unknown columns 'a' in {{ a }}, 'b' in {{b}} and 'c' in {{c}}; "
                        + "the manifest has: id, image, prompt, title, color");
        assertThat(((PromptTemplate.Rendering.UnknownColumns) rendering).unknown())
                .extracting(PromptTemplate.Placeholder::column).containsExactly("a", "b", "c");
    }

    @Test
    void oneCompiledTemplateRendersAnyNumberOfRows() {
        PromptTemplate template = PromptTemplate.compile("{{title}} on snow");

        assertThat(filled(template.render(cells("image", "a.png", "title", "Mug")))).isEqualTo("Mug on snow");
        assertThat(filled(template.render(cells("image", "b.png", "title", "Scarf")))).isEqualTo("Scarf on snow");
    }

    @Test
    void theCacheCompilesEachDistinctTextOnceAndStaysBounded() {
        PromptTemplates templates = new PromptTemplates();

        PromptTemplate first = templates.of("{{title}} on snow");
        assertThat(templates.of("{{title}} on snow")).isSameAs(first);
        for (int i = 0; i < PromptTemplates.CAPACITY * 3; i++) {
            templates.of("prompt " + i);
        }

        assertThat(templates.size()).isEqualTo(PromptTemplates.CAPACITY);
        assertThat(templates.of("{{title}} on snow")).isNotSameAs(first).satisfies(t -> assertThat(t.text()).isEqualTo(first.text()));
    }

    private static String filled(PromptTemplate.Rendering rendering) {
        assertThat(rendering).isInstanceOf(PromptTemplate.Rendering.Filled.class);
        return ((PromptTemplate.Rendering.Filled) rendering).prompt();
    }

    private static Map<String, String> cells(String... namesAndValues) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return cells;
    }
}
