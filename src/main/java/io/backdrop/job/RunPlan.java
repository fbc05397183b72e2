package io.backdrop.job;

import io.backdrop.model.CallSetting;
import java.util.Map;

/**
 * What a run over a manifest would do, worked out without calling the API.
 *
 * @param rejectedByRule   how many rows break each rule ("size: width and height must ...")
 * @param toPayByQuality   rows that need a paid call, by quality
 * @param toPayBySetting   the same rows by quality and size, for the credit estimate
 */
public record RunPlan(int rows, int valid, int rejected, Map<String, Integer> rejectedByRule, int reusable,
                      Map<String, Integer> toPayByQuality, Map<CallSetting, Integer> toPayBySetting) {

    public int toPay() {
        return toPayByQuality.values().stream().mapToInt(Integer::intValue).sum();
    }
}
