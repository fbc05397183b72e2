package io.backdrop.model;

/**
 * A value a {@link Setting} refuses: what is wrong with it, without the setting's name, so that
 * the command line, the job file and the properties each name the setting their own way.
 */
public class SettingException extends IllegalArgumentException {

    private final transient Setting<?> setting;
    private final String problem;

    public SettingException(Setting<?> setting, String problem) {
        super(setting.displayName() + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    public Setting<?> setting() {
        return setting;
    }

    /** What is wrong, e.g. "must be at least 1 (is 0)" or "expected a whole number, got 'four'". */
    public String problem() {
        return problem;
    }
}
