using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.InvalidTaskIdAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0002: a task id is <c>^[a-z0-9]+([.-][a-z0-9]+)*$</c>, at most 128 characters.</summary>
public sealed class STK0002Tests
{
    [Theory]
    [InlineData("Bad_Id")]
    [InlineData("Calendars.Ensure")]
    [InlineData("calendars..ensure")]
    [InlineData(".calendars")]
    [InlineData("calendars-")]
    [InlineData("calendars ensure")]
    [InlineData("calendars/ensure")]
    [InlineData("")]
    public async Task An_id_not_of_the_form_domain_task_name_is_reported_on_the_id_argument(string id)
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With($$"""
            public sealed class PingTaskService
            {
                [SchemaTask({|STK0002:"{{id}}"|})]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task The_message_names_the_id_and_the_pattern()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask({|#0:"Bad_Id"|})]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "Bad_Id", "use lower-case letters and digits in segments joined by '.' or '-' (^[a-z0-9]+([.-][a-z0-9]+)*$)"));
    }

    [Fact]
    public async Task An_id_longer_than_128_characters_is_reported_with_its_length()
    {
        var id = "a." + new string('b', 127);
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public sealed class PingTaskService
                {
                    [ScheduledTask({|#0:"{{id}}"|}, Cron = "0 * * * *")]
                    public Task RunAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(id, "it is 129 characters long, more than 128"));
    }

    [Fact]
    public async Task An_id_given_by_a_constant_is_reported_on_the_constant_reference()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                private const string Id = "Ping";

                [SchemaTask({|STK0002:Id|})]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("calendars.ensure-default-calendars")]
    [InlineData("billing.monthly-proration.schedule")]
    [InlineData("v2.a1-b2.c3")]
    public async Task A_valid_id_is_not_reported(string id)
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With($$"""
            public sealed class PingTaskService
            {
                [SchemaTask("{{id}}")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task An_id_of_exactly_128_characters_is_not_reported()
    {
        var id = "a." + new string('b', 126);
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With($$"""
            public sealed class PingTaskService
            {
                [SchemaTask("{{id}}")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
