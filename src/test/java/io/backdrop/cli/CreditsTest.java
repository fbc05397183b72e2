package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.sandbox.TeamAccount;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.RunFolderFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The team's credits through the console, against the sandbox's team account: figures, reserve, plan. */
class CreditsTest extends RunFolderFixture {

    static final String KEY = "credits-test-key";

    final JsonMapper json = JsonMapper.builder().build();

    CreditsTest() {
        super(KEY);
    }

    @Test
    void theReserveStopsTheJobWithinTheCallsInFlightAndARestartWithALowerReserveFinishesPayingEachRowOnce()
            throws IOException {
        startSandbox(new TeamAccount(10_000, 0, Map.of("low", 1_000L), true));
        manifestOf("low", 10);

        var stopped = run("--concurrency", "2", "--reserve-credits", "4500");

        // Left after n answers: 10,000 - 1,000 n. Below 4,500 after the 6th; a 7th may already be in flight.
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        long paid = sandbox.stats().paidCalls();
        assertThat(paid).isBetween(6L, 7L);
        assertThat(stopped.out()).contains("STOPPED").contains("credit reserve reached")
                .containsPattern("left the team [34]000 credits").contains("--reserve-credits 4500")
                .contains("restart with a lower --reserve-credits");
        assertThat(stopped.out()).contains("Credits:    team used " + String.format("%,d", 1_000 * paid) + " of 10,000");

        var again = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--reserve-credits", "4500");
        assertThat(again.exitCode()).as("the same reserve stops before any paid call: " + again.out())
                .isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(again.out()).contains("credit reserve reached");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(paid);

        var finished = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--reserve-credits", "0");
        assertThat(finished.exitCode()).as(finished.out() + finished.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(row -> row.get("status")).containsOnly("SUCCEEDED").hasSize(10);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(10);
        assertThat(sandbox.stats().paidCallsByImageUrl().values()).as("no row paid twice").containsOnly(1L);
        assertThat(database.count("SELECT COUNT(*) FROM BACKDROP_CREDIT")).isEqualTo(10);
        assertThat(database.count("SELECT COUNT(DISTINCT ROW_NO) FROM BACKDROP_CREDIT")).isEqualTo(10);
    }

    @Test
    void aJobFilesReserveStopsTheRunAsTheOptionDoes() throws IOException {
        startSandbox(new TeamAccount(10_000, 8_000, Map.of("low", 1_000L), true));
        manifestOf("low", 3);
        Path jobFile = Files.writeString(work.resolve("job.yml"), """
                manifest: manifest.csv
                output: out
                concurrency: 1
                budget:
                  reserve-credits: 5000
                """);

        var outcome = backdrop.execute("run", jobFile.toString(), "--api-base-url", sandbox.baseUrl().toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(outcome.out()).contains("STOPPED").contains("left the team 1000 credits, fewer than --reserve-credits 5000");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
    }

    @Test
    void theSummaryAndStatusJsonCarryTheTeamsFiguresAndTheMeanRisePerCallByQuality() throws IOException {
        startSandbox(new TeamAccount(1_000_000, 50_000, Map.of("low", 1_000L, "high", 16_000L), true));
        manifestOf("low,high,low,high,low", 1);

        // Calls in manifest order (no row uploaded ahead), so the first reading is row 1's.
        var outcome = run("--concurrency", "1", "--backdrop.job.headroom=0");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        // 50,000 + 3 x 1,000 + 2 x 16,000 = 85,000; the counter rose from the first reading (51,000).
        assertThat(outcome.out())
                .contains("Credits:    team used 85,000 of 1,000,000 at the latest answer, 915,000 left")
                .contains("Credits:    team counter rose 34,000 during this execution (5 of 5 answers reported it")
                .contains("Credits:    mean rise per paid call: high 16,000 (2 calls) low 1,000 (3 calls)");

        JsonNode credits = json.readTree(backdrop.execute("status", "1", "--json").out()).get("credits");
        assertThat(credits.get("paidCalls").asLong()).isEqualTo(5);
        assertThat(credits.get("reportedCalls").asLong()).isEqualTo(5);
        assertThat(credits.get("creditLimit").asLong()).isEqualTo(1_000_000);
        assertThat(credits.get("usedCredit").asLong()).isEqualTo(85_000);
        assertThat(credits.get("creditsLeft").asLong()).isEqualTo(915_000);
        assertThat(credits.get("usedCreditRise").asLong()).isEqualTo(34_000);
        assertThat(credits.at("/byQuality/high/meanPerCall").asDouble()).isEqualTo(16_000);
        assertThat(credits.at("/byQuality/low/calls").asLong()).isEqualTo(3);
        assertThat(credits.at("/byQuality/low/measured").asLong()).as("the first reading has nothing below it").isEqualTo(2);
        assertThat(credits.at("/byQuality/low/meanPerCall").asDouble()).isEqualTo(1_000);
        assertThat(backdrop.execute("status", "1").out()).contains("Credits:    team used 85,000 of 1,000,000");
        assertThat(Files.readString(output.resolve("runs/1/report.html")))
                .contains("<dt>Credits</dt><dd>team used 85,000 of 1,000,000 at the latest answer, 915,000 left<br>");
    }

    @Test
    void anAnswerWithoutTeamUserChangesNothingButTheFiguresWhichSayNotReported() throws IOException {
        startSandbox(new TeamAccount(10_000, 9_999, Map.of("low", 0L), false));
        manifestOf("low", 3);

        var outcome = run("--concurrency", "2", "--reserve-credits", "5000");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(row -> row.get("status")).containsOnly("SUCCEEDED").hasSize(3);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);
        assertThat(outcome.out()).contains("Credits:    not reported by the API (3 paid calls)");
        JsonNode credits = json.readTree(backdrop.execute("status", "1", "--json").out()).get("credits");
        assertThat(credits.get("paidCalls").asLong()).isEqualTo(3);
        assertThat(credits.get("reportedCalls").asLong()).isZero();
        assertThat(credits.get("usedCredit").isNull()).isTrue();
    }

    @Test
    void aCreditFigureThatCannotBeWrittenLosesTheFigureNeverTheResult() throws IOException, SQLException {
        startSandbox(TeamAccount.DEFAULT);
        manifestOf("low", 1);
        assertThat(backdrop.execute("list").exitCode()).isZero();
        execute("ALTER TABLE BACKDROP_CREDIT ADD CONSTRAINT NO_FIGURES CHECK (ROW_NO < 0)");
        manifestOf("low", 3);

        var outcome = run("--concurrency", "1");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(row -> row.get("status")).containsOnly("SUCCEEDED").hasSize(3);
        assertThat(sandbox.stats().paidCalls()).as("nothing paid twice").isEqualTo(3);
        assertThat(outcome.out()).contains("Credits:    no paid call recorded its credits in this execution");
    }

    @Test
    void planEstimatesCreditsFromEarlierRunsByQualityAndSizeAndSaysWhenItHasNoHistory() throws IOException {
        startSandbox(new TeamAccount(1_000_000, 0, Map.of("low", 1_000L, "medium", 4_000L), true));
        manifestOf("low,low,low,medium", 1);

        var before = backdrop.execute("plan", "--manifest", manifest.toString());
        assertThat(before.out()).contains("Credits:    no estimate: no earlier paid call on this database recorded the team's credits");

        // In manifest order: each call's rise is measured from the call before it.
        assertThat(run("--concurrency", "1", "--backdrop.job.headroom=0").exitCode()).isZero();
        Files.writeString(manifest, """
                id,image,prompt,size,quality
                n1,images/coffee.png,a new table,1536x1024,low
                n2,images/coffee.png,a new shelf,1536x1024,low
                n3,images/coffee.png,a new lamp,1024x1024,medium
                n4,images/coffee.png,a new sofa,1024x1024,high
                """);
        var plan = backdrop.execute("plan", "--manifest", manifest.toString());

        assertThat(plan.out()).as(plan.out() + plan.err())
                .contains("Credits:    about 6,000 (the team counter's mean rise per paid call in earlier runs, 3 calls")
                .containsPattern("low +1536x1024 +2  x 1,000 = 2,000 \\(mean of 2 earlier calls\\)")
                .containsPattern("medium +1024x1024 +1  x 4,000 = 4,000 \\(mean of 1 earlier medium calls of other sizes\\)")
                .containsPattern("high +1024x1024 +1  no estimate: no earlier high call recorded its credits");
    }

    private void startSandbox(TeamAccount account) throws IOException {
        startSandbox(SandboxSettings.defaults().withAccount(account));
    }

    /** Rows of the qualities given (comma-separated), each list repeated; each row its own prompt. */
    private void manifestOf(String qualities, int times) throws IOException {
        StringBuilder csv = new StringBuilder("id,image,prompt,size,quality\n");
        int row = 0;
        for (int time = 0; time < times; time++) {
            for (String quality : qualities.split(",")) {
                row++;
                csv.append("row-").append(row).append(",images/coffee.png,a table number ").append(row)
                        .append(",1536x1024,").append(quality).append('\n');
            }
        }
        manifest = Files.writeString(work.resolve("manifest.csv"), csv);
    }

    private CommandLineRun.Outcome run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--manifest", manifest.toString(), "--output",
                output.toString(), "--api-base-url", sandbox.baseUrl().toString()));
        args.addAll(List.of(extra));
        return backdrop.execute(args.toArray(String[]::new));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
