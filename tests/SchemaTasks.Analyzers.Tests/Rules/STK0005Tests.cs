using SchemaTasks.Analyzers.Scheduling;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.UnknownTimeZoneAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0005: a schedule's time zone is an IANA id from the list the analyzer carries.</summary>
public sealed class STK0005Tests
{
    [Theory]
    [InlineData("Europe/Pariss", "did you mean 'Europe/Paris'?")]                  // a typo
    [InlineData("Europe/Prais", "did you mean 'Europe/Paris'?")]                   // two letters swapped
    [InlineData("europe/paris", "did you mean 'Europe/Paris'?")]                   // IANA ids are case-sensitive
    [InlineData("Paris", "did you mean 'Europe/Paris'?")]                          // the city alone
    [InlineData("new york", "did you mean 'America/New_York'?")]                   // the city, spelled as people write it
    [InlineData("Romance Standard Time", "it looks like a Windows id; write the IANA id of the same zone, e.g. 'Europe/Paris' for 'Romance Standard Time'")]
    [InlineData("GMT+2", "an offset is not a time zone: write the zone of the place (e.g. 'Europe/Berlin'), which follows its daylight saving time, or 'Etc/GMT-2' for a fixed UTC+2 (tzdata inverts the sign)")]
    [InlineData("UTC-05:00", "an offset is not a time zone: write the zone of the place (e.g. 'Europe/Berlin'), which follows its daylight saving time, or 'Etc/GMT+5' for a fixed UTC-05 (tzdata inverts the sign)")]
    [InlineData("Nowhere/Atlantis", "write an IANA id such as 'UTC' or 'Europe/Paris' (tzdata's names, case-sensitive)")]
    [InlineData("", "write an IANA id such as 'UTC' or 'Europe/Paris', or leave TimeZone out for UTC")]
    public async Task An_unknown_zone_is_reported_on_the_time_zone_argument_with_what_to_write(string zone, string advice)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public sealed class PingTaskService
                {
                    [ScheduledTask("ping.schedule", Cron = "0 0 1 * *", TimeZone = {|#0:"{{zone}}"|})]
                    public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(zone, advice));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("US/Eastern")]     // a backward link
    [InlineData("Asia/Calcutta")]  // a renamed zone's old name
    [InlineData("Etc/GMT+5")]
    [InlineData("Asia/Kolkata")]
    public async Task A_known_zone_or_alias_is_not_reported(string zone)
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With($$"""
            public sealed class PingTaskService
            {
                [ScheduledTask("ping.schedule", Cron = "0 0 1 * *", TimeZone = "{{zone}}")]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_schedule_without_a_time_zone_runs_in_UTC_and_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [ScheduledTask("ping.schedule", Cron = "0 0 1 * *")]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public void The_embedded_list_holds_the_whole_tz_database()
    {
        // tzdata has about 600 zones and links; a truncated resource would let typos through.
        Assert.InRange(IanaTimeZones.Count, 500, 1000);
        Assert.False(IanaTimeZones.Contains(null));
    }
}
