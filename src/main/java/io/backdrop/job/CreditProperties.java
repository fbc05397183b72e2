package io.backdrop.job;

import io.backdrop.model.Setting;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an execution must leave of the team's credits. Safe to change on restart, lowering it included.
 *
 * @param reserve stop before a paid call when the latest answer left the team fewer credits than
 *                this ({@code --reserve-credits}); 0 for no reserve
 */
@ConfigurationProperties("backdrop.credits")
public record CreditProperties(@DefaultValue("0") long reserve) {

    /** Credits the team keeps: the job stops before a paid call that would go below them. */
    public static final Setting<Long> RESERVE =
            Setting.count("backdrop.credits.reserve", "--reserve-credits", "budget.reserve-credits", 0);

    /** The settings these properties take, each with the rule it keeps. */
    public static final List<Setting<?>> SETTINGS = List.of(RESERVE);

    public CreditProperties {
        RESERVE.check(reserve);
    }
}
