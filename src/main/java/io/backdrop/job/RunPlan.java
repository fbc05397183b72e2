package io.backdrop.job;

import java.util.Map;

/**
 * What a run over a manifest would do, worked out without calling the API.
 *
 * @param rejectedByRule   how many rows break each rule ("size: width and height must ...")
 * @param toPayByQuality   rows that need a paid call, by quality
 */
public record RunPlan(int rows, int valid, int rejected, Map<String, Integer> rejectedByRule, int reusable,
                      Map<String, Integer> toPayByQuality) {

    public int toPay() {
        return toPayByQuality.values().stream().mapToInt(Integer::intValue).sum();
    }
}
