package io.backdrop.job;

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

    public CreditProperties {
        if (reserve < 0) {
            throw new IllegalArgumentException("--reserve-credits (backdrop.credits.reserve) must be at least 0, is " + reserve);
        }
    }
}
