package io.backdrop.jobfile;

import io.backdrop.model.Setting;
import io.backdrop.model.SettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of a job file (the top, or {@code retry:} and the like) with the keys it may hold.
 * Values are read as the text written, then by their setting's own reading and rule, so a job
 * file accepts and refuses what the command line and the properties do. Every problem found is
 * added to the list given, as "key: problem (line N)".
 */
final class YamlSection {

    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final List<String> problems;

    private YamlSection(String path, List<String> problems) {
        this.path = path;
        this.problems = problems;
    }

    /** An empty section, for one not written or written wrong. */
    static YamlSection empty(String path, List<String> problems) {
        return new YamlSection(path, problems);
    }

    /** The keys of a mapping node; an unknown or repeated key is a problem. */
    static YamlSection of(MappingNode mapping, String path, List<String> keys, List<String> problems) {
        YamlSection section = new YamlSection(path, problems);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.add("a key must be a word, got " + kind(keyNode) + section.where() + line(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (section.values.containsKey(key)) {
                problems.add("the key '" + key + "' is given twice" + section.where() + line(keyNode));
            } else if (!keys.contains(key)) {
                problems.add("unknown key '" + key + "'" + section.where() + line(keyNode) + "; the keys "
                        + (path.isEmpty() ? "at the top" : "there") + " are: " + String.join(", ", keys));
            } else {
                section.values.put(key, tuple.getValueNode());
            }
        }
        return section;
    }

    /** A nested section, e.g. {@code retry}; empty when not written. */
    YamlSection section(String key, List<String> keys) {
        Node node = values.get(key);
        String nested = qualified(key);
        if (node == null || isNull(node)) {
            return empty(nested, problems);
        }
        if (node instanceof MappingNode mapping) {
            return of(mapping, nested, keys, problems);
        }
        problems.add(expected(nested, "a mapping of " + String.join(", ", keys), node));
        return empty(nested, problems);
    }

    /** The text written for a key; null when not written. */
    String text(String key) {
        Node node = values.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(expected(qualified(key), "text", node));
        return null;
    }

    /** A list of texts ({@code [a, b]} or one text); null when not written. */
    List<String> texts(String key) {
        Node node = values.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        if (node instanceof SequenceNode sequence && sequence.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
            return sequence.getValue().stream().map(item -> ((ScalarNode) item).getValue()).toList();
        }
        problems.add(expected(qualified(key), "a list of texts", node));
        return null;
    }

    /** A yes/no value ({@code true} or {@code false}); null when not written or not one. */
    Boolean flag(String key) {
        String text = text(key);
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                problems.add(qualified(key) + ": expected true or false, got '" + text + "'" + lineOf(key));
                yield null;
            }
        };
    }

    /** A setting's value, read and checked by the setting; null when not written or refused. */
    <T> T value(Setting<T> setting) {
        String key = setting.jobFileKey().substring(setting.jobFileKey().lastIndexOf('.') + 1);
        Node node = values.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(expected(setting.jobFileKey(), setting.expected(), node));
            return null;
        }
        try {
            return setting.read(scalar.getValue());
        } catch (SettingException e) {
            problems.add(setting.jobFileKey() + ": " + e.problem() + line(node));
            return null;
        }
    }

    /** The line of a key's value, for a problem found after reading, e.g. " (line 4)"; empty when not written. */
    String lineOf(String key) {
        Node node = values.get(key);
        return node == null ? "" : line(node);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String where() {
        return path.isEmpty() ? "" : " in " + path;
    }

    private static String expected(String key, String what, Node found) {
        return (key.isEmpty() ? "" : key + ": ") + "expected " + what + ", got " + kind(found) + line(found);
    }

    static String kind(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    static String line(Node node) {
        return node.getStartMark().map(YamlSection::line).orElse("");
    }

    static String line(Mark mark) {
        return " (line " + (mark.getLine() + 1) + ")";
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
