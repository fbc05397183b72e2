package io.backdrop.jobfile;

import io.backdrop.storage.SourceProperties;
import io.backdrop.validation.RowDefaultsCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a job file that are not a setting's: a name, the two keys every job needs, and
 * defaults a row could take. A bad default would reject every row of the manifest one by one; in
 * the job file it is one clear configuration error before anything runs. The settings' own rules
 * are kept as each value is read ({@link YamlSection#value}).
 */
final class JobFileRules {

    private JobFileRules() {
    }

    /** Every broken rule as "key: rule"; empty when the job file keeps them all. */
    static List<String> violations(JobFile job) {
        List<String> problems = new ArrayList<>();
        if (job.name() != null && job.name().isBlank()) {
            problems.add("name: must not be blank (leave it out to use the file's name)");
        }
        required(problems, "manifest", job.manifest());
        required(problems, "output", job.output());
        problems.addAll(RowDefaultsCheck.problems(job.defaults().rowDefaults(), "defaults."));

        if (job.sources().allowHosts() != null) {
            for (String host : job.sources().allowHosts()) {
                try {
                    SourceProperties.checkHost(host);
                } catch (IllegalArgumentException e) {
                    problems.add("sources.allow-hosts: '" + host + "' must be a host name or address, without scheme, port or path");
                }
            }
        }
        return problems;
    }

    private static void required(List<String> problems, String key, String value) {
        if (value == null || value.isBlank()) {
            problems.add("missing key '" + key + "'");
        }
    }
}
