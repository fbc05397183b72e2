package io.backdrop.job;

import io.backdrop.model.Setting;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.stereotype.Component;

/**
 * Reads a setting's property as written (an environment variable, application.properties, a
 * {@code --backdrop.x=y} argument) with the setting's own reading and rule, the way the command
 * line and the job file read it. Spring's own conversion would take {@code 2} for a duration as
 * two milliseconds where an option or a job file refuses it, and would word a wrong type in
 * terms of Java types; a refused value is a {@link io.backdrop.model.SettingException} instead.
 */
@Component
public class SettingBinding implements ConfigurationPropertiesBindHandlerAdvisor {

    @Override
    public BindHandler apply(BindHandler handler) {
        return new AbstractBindHandler(handler) {

            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                readAsWritten(name, context);
                return super.onSuccess(name, target, context, result);
            }

            @Override
            public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                    Exception error) throws Exception {
                readAsWritten(name, context);
                return super.onFailure(name, target, context, error);
            }
        };
    }

    /** Throws the setting's own refusal of the text written, if it refuses it. */
    private static void readAsWritten(ConfigurationPropertyName name, BindContext context) {
        ConfigurationProperty written = context.getConfigurationProperty();
        if (written == null || written.getValue() == null) {
            return;
        }
        Optional<Setting<?>> setting = RunSettings.byProperty(name.toString());
        setting.ifPresent(it -> it.read(written.getValue().toString()));
    }
}
