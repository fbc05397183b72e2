package io.backdrop.cli;

import io.backdrop.model.Setting;
import io.backdrop.model.SettingException;
import java.util.Map;

/**
 * Options read by their settings' own reading and rule, so that a value given as an option is
 * accepted or refused as in a job file or a property, with the option's name in the message.
 */
final class OptionValues {

    private OptionValues() {
    }

    /**
     * The value of an option, or null when it was not given.
     *
     * @throws UsageException naming the option when the value is refused
     */
    static <T> T read(Setting<T> setting, String text) {
        if (text == null) {
            return null;
        }
        try {
            return setting.read(text);
        } catch (SettingException e) {
            throw new UsageException(setting.option() + ": " + e.problem(), e);
        }
    }

    /** Sets the setting's property to the option's value, when the option was given. */
    static <T> void put(Map<String, Object> properties, Setting<T> setting, String text) {
        T value = read(setting, text);
        if (value != null) {
            properties.put(setting.property(), value);
        }
    }
}
