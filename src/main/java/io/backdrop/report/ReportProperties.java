package io.backdrop.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What report.html holds. Its size is bounded by these whatever the job's row count.
 *
 * @param contactSheet whether report.html is written (and thumbnails made for it)
 * @param failures     the most FAILED and REJECTED rows it lists (and the most in-doubt rows)
 * @param sample       how many rows that went well it shows, with thumbnails
 * @param pageRows     when above 0, every row of the job is listed too, this many a page, in
 *                     report-2.html, report-3.html, ... beside it (without thumbnails)
 */
@ConfigurationProperties("backdrop.report")
public record ReportProperties(
        @DefaultValue("true") boolean contactSheet,
        @DefaultValue("200") int failures,
        @DefaultValue("16") int sample,
        @DefaultValue("0") int pageRows) {

    public ReportProperties {
        if (failures < 0) {
            throw new IllegalArgumentException("backdrop.report.failures must not be negative, is " + failures);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("backdrop.report.sample must not be negative, is " + sample);
        }
        if (pageRows < 0) {
            throw new IllegalArgumentException("backdrop.report.page-rows must not be negative, is " + pageRows);
        }
    }
}
