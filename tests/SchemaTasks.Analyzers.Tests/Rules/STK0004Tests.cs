using System.Reflection;
using SchemaTasks.Analyzers.Scheduling;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.InvalidCronAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>
/// STK0004: a schedule's cron is a 5-field expression as the runtime reads it. The analyzer and the runtime
/// parse with the same library and format; the table below is checked through both paths.
/// </summary>
public sealed class STK0004Tests
{
    /// <summary>Expressions and whether a schedule accepts them.</summary>
    public static TheoryData<string, bool> Expressions => new()
    {
        { "0 0 1 * *", true },
        { "* * * * *", true },
        { "*/5 * * * *", true },
        { "0 9-17 * * MON-FRI", true },
        { "0 0 L * *", true },
        { "0 0 LW * *", true },
        { "0 0 15W * *", true },
        { "0 0 * * 5L", true },
        { "0 0 1 * MON#2", true },
        { "0 12 * JAN,JUL *", true },
        { "0 0 30 2 *", true },      // parses; never fires (both sides agree: no occurrence)
        { "@daily", true },           // Cronos macros are accepted by the runtime too
        { "60 * * * *", false },
        { "* 24 * * *", false },
        { "* * 32 * *", false },
        { "* * * 13 *", false },
        { "* * * * 8", false },
        { "* * * *", false },
        { "0 0 * * * *", false },     // 6 fields: seconds are not part of a schedule
        { "0 0 1 * MON#6", false },
        { "not a cron", false },
        { "*/0 * * * *", false },
        { "", false },
        { "   ", false },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void The_analyzer_and_the_runtime_agree_on_every_expression(string cron, bool valid)
    {
        var analyzerAccepts = CronExpressions.Problem(cron) is null;
        var runtimeAccepts = RuntimeAccepts(cron);

        Assert.Equal(valid, analyzerAccepts);
        Assert.Equal(valid, runtimeAccepts);
    }

    [Fact]
    public async Task An_invalid_cron_is_reported_on_the_cron_argument_with_the_parser_message()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [ScheduledTask("ping.schedule", Cron = {|#0:"60 * * * *"|})]
                    public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("60 * * * *", CronExpressions.Problem("60 * * * *")!));
    }

    [Fact]
    public async Task A_cron_with_six_fields_is_reported_with_the_field_count()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [ScheduledTask("ping.schedule", Cron = {|#0:"0 0 * * * *"|})]
                    public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "0 0 * * * *", "it has 6 fields; a schedule has 5: minute hour day-of-month month day-of-week"));
    }

    [Fact]
    public async Task A_scheduled_task_without_a_cron_is_reported_on_its_attribute()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [{|STK0004:ScheduledTask("ping.schedule")|}]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Valid_crons_and_schema_tasks_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [ScheduledTask("ping.monthly", Cron = "0 0 1 * *")]
                public Task MonthlyAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;

                [ScheduledTask("ping.last-day", Cron = "0 0 L * *", TimeZone = "Europe/Paris")]
                public Task LastDayAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.run")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    // The runtime's own parser (internal): what the host runs at start.
    private static bool RuntimeAccepts(string cron)
    {
        var schedule = typeof(SchemaTaskAttribute).Assembly.GetType("SchemaTasks.Scheduling.CronSchedule", throwOnError: true)!;
        var parse = schedule.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(string)])!;
        try
        {
            parse.Invoke(null, [cron, "UTC"]);
            return true;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
