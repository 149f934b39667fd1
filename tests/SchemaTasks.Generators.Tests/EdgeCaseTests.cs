using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>Shapes beyond the reference domains, each against its baselines.</summary>
public sealed class EdgeCaseTests
{
    private const string Payload = """

        public sealed record PingPayload(int Value);

        """;

    [Fact]
    public void ValueTask_method_is_adapted_with_AsTask()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.value-task")]
                public ValueTask PingAsync(PingPayload payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;
            }
            """);

        Assert.Contains("cancellationToken).AsTask();", run.Source("Edge.PingTasks.g.cs"), StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void A_task_named_like_another_tasks_invoker_gets_its_own_and_both_compile()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.plain")]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("ping.invoke")]
                public Task InvokePingAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        // InvokePing is the second task's definition, so the first task's invoker takes the next free name.
        var tasks = run.Source("Edge.PingTasks.g.cs");
        Assert.Contains("invoker: InvokePing_,", tasks, StringComparison.Ordinal);
        Assert.Contains("invoker: InvokeInvokePing,", tasks, StringComparison.Ordinal);
        Assert.Contains("private static global::System.Threading.Tasks.Task InvokePing_(", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_method_is_called_on_the_type_and_the_service_is_not_registered()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public static class PingTaskService
            {
                [SchemaTask("ping.static")]
                public static Task PingAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

        Assert.Contains("global::Edge.PingTaskService.PingAsync(", run.Source("Edge.PingTasks.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("TryAddScoped", run.AllSources, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void TaskRunContext_parameter_receives_the_attempt_context()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.context")]
                public Task PingAsync(TaskRunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.context-second")]
                public Task PongAsync(PingPayload payload, TaskRunContext context) => Task.FromResult(context.Attempt);
            }
            """);

        var tasks = run.Source("Edge.PingTasks.g.cs");
        Assert.Contains(".PongAsync(\n                payload,\n                context);", tasks, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Nullable_service_parameter_is_resolved_with_GetService_and_left_out_of_the_start_check()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public interface IClock { DateTimeOffset Now { get; } }
            public interface IAudit { void Write(string line); }

            public sealed class PingTaskService
            {
                [SchemaTask("ping.optional-service")]
                public Task PingAsync(PingPayload payload, IClock clock, IAudit? audit, CancellationToken cancellationToken)
                {
                    audit?.Write(clock.Now.ToString());
                    return Task.CompletedTask;
                }
            }
            """);

        var tasks = run.Source("Edge.PingTasks.g.cs");
        Assert.Contains("TaskServices.GetRequired<global::Edge.IClock>(services, PingId, \"clock\")", tasks, StringComparison.Ordinal);
        Assert.Contains("GetService<global::Edge.IAudit>(services)", tasks, StringComparison.Ordinal);
        // Only the required service is checked at the host's start: a missing optional one is passed as null.
        Assert.Contains("TaskServiceParameter.Of<global::Edge.IClock>(\"clock\")", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("TaskServiceParameter.Of<global::Edge.IAudit>", tasks, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Internal_task_service_generates_internal_types()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            internal interface IInternalDependency { }

            internal sealed class PingTaskService
            {
                [SchemaTask("ping.internal")]
                public Task PingAsync(PingPayload payload, IInternalDependency dependency) => Task.CompletedTask;
            }
            """);

        Assert.DoesNotContain("public static partial class", run.AllSources, StringComparison.Ordinal);
        Assert.DoesNotContain("public sealed partial class", run.AllSources, StringComparison.Ordinal);
        Assert.Contains("internal partial interface IPingTasker", run.AllSources, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Internal_payload_makes_the_generated_types_internal()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Edge;

            internal sealed record SecretPayload(int Value);

            public sealed class PingTaskService
            {
                [SchemaTask("ping.public")]
                public Task PingAsync(int payload) => Task.CompletedTask;

                [SchemaTask("ping.secret")]
                internal Task SecretAsync(SecretPayload payload) => Task.CompletedTask;
            }
            """);

        Assert.Contains("internal partial interface IPingTasker", run.AllSources, StringComparison.Ordinal);
        Assert.Contains("internal static partial class PingTaskerServiceCollectionExtensions", run.AllSources, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_namespace_and_nested_class_generate_into_the_namespace()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Company.Product.Edge
            {
                namespace Inner
                {
                    public sealed record PingPayload(int Value);

                    public static class Container
                    {
                        public sealed class PingTaskService
                        {
                            [SchemaTask("ping.nested")]
                            public Task PingAsync(PingPayload payload) => Task.CompletedTask;
                        }
                    }
                }
            }
            """);

        Assert.Contains("Company.Product.Edge.Inner.PingTasks.g.cs", run.HintNames);
        Assert.Contains("GetRequiredService<global::Company.Product.Edge.Inner.Container.PingTaskService>", run.AllSources, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Class_in_the_global_namespace_generates_into_the_global_namespace()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.global")]
                public Task PingAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

        Assert.Contains("PingTasks.g.cs", run.HintNames);
        Assert.DoesNotContain("namespace Edge", run.Source("PingTasks.g.cs"), StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Theory]
    [InlineData("ReportsService", "Reports")]
    [InlineData("Mailer", "Mailer")]
    public void Class_not_suffixed_TaskService_takes_its_domain_from_its_name(string className, string domain)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + $$"""
            public sealed class {{className}}
            {
                [SchemaTask("edge.unsuffixed")]
                public Task RunAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        Assert.Contains($"Edge.{domain}Tasks.g.cs", run.HintNames);
        Assert.Contains($"Edge.I{domain}Tasker.g.cs", run.HintNames);
        Assert.Contains($"Add{domain}Tasker(", run.AllSources, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_not_suffixed_TaskService_generates_the_same_pattern()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class Reports
            {
                [SchemaTask("reports.render")]
                public Task RenderAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        Baselines.Verify(run);
    }

    [Fact]
    public void Scheduled_only_domain_generates_the_tasks_and_the_registration_only()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Edge;

            public sealed class CleanupTaskService
            {
                [ScheduledTask("cleanup.nightly", Cron = "30 2 * * *", TimeZone = "Europe/Paris", SkipIfActive = true, Description = "Purges <old> runs & logs.")]
                public Task PurgeAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

        Assert.Equal(
            ["Edge.CleanupTasks.g.cs", "Microsoft.Extensions.DependencyInjection.CleanupTaskerServiceCollectionExtensions.g.cs"],
            run.HintNames);
        Assert.Contains("new global::SchemaTasks.ScheduleOptions(\"30 2 * * *\", \"Europe/Paris\", true)", run.AllSources, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Task_without_config_gets_no_queue_the_default_machine_and_no_retry()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.defaults")]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var tasks = run.Source("Edge.PingTasks.g.cs");
        Assert.Contains("queue: null,", tasks, StringComparison.Ordinal);
        Assert.Contains("machine: global::SchemaTasks.Machine.Small1x,", tasks, StringComparison.Ordinal);
        Assert.Contains("retry: null);", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public void Method_config_overrides_the_config_type_property_by_property_and_inherits_the_rest()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            [TaskRetry(MaxAttempts = 9, Factor = 3, MinTimeoutInMs = 5, MaxTimeoutInMs = 50, Randomize = false, OutOfMemoryMachine = Machine.Large2x)]
            [TaskQueue("shared", ConcurrencyLimit = 4, TotalConcurrencyLimit = 40)]
            [TaskMaxDuration(300)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.override", Config = typeof(PingTaskConfig))]
                [TaskRetry(MaxAttempts = 5)]
                [TaskQueue("own")]
                [TaskMaxDuration(30)]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("ping.inherit", Config = typeof(PingTaskConfig))]
                public Task InheritAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var tasks = run.Source("Edge.PingTasks.g.cs");
        // The queue's name is the method's; its limits are inherited.
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"own\", 4, 40)", GeneratedTasksText.ConfigOf(tasks, "Ping", "queue"));
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"shared\", 4, 40)", GeneratedTasksText.ConfigOf(tasks, "Inherit", "queue"));
        // MaxAttempts is the method's; every other retry property is the config type's, not the attribute's default.
        Assert.Equal(
            "new global::SchemaTasks.RetryOptions { MaxAttempts = 5, Factor = 3d, MinTimeoutInMs = 5, MaxTimeoutInMs = 50, Randomize = false, OutOfMemoryMachine = global::SchemaTasks.Machine.Large2x }",
            GeneratedTasksText.ConfigOf(tasks, "Ping", "retry"));
        Assert.Equal(
            "new global::SchemaTasks.RetryOptions { MaxAttempts = 9, Factor = 3d, MinTimeoutInMs = 5, MaxTimeoutInMs = 50, Randomize = false, OutOfMemoryMachine = global::SchemaTasks.Machine.Large2x }",
            GeneratedTasksText.ConfigOf(tasks, "Inherit", "retry"));
        Assert.Contains("maxDuration: global::System.TimeSpan.FromSeconds(30));", tasks, StringComparison.Ordinal);
        Assert.Contains("maxDuration: global::System.TimeSpan.FromSeconds(300));", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_Micro_out_of_memory_machine_counts_as_set()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.micro")]
                [TaskRetry(OutOfMemoryMachine = Machine.Micro)]
                [TaskMachine(Machine.Micro)]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        Assert.EndsWith("OutOfMemoryMachine = global::SchemaTasks.Machine.Micro }", GeneratedTasksText.ConfigOf(run.Source("Edge.PingTasks.g.cs"), "Ping", "retry"), StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_method_names_and_escaped_strings_compile()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed class PingTaskService
            {
                [SchemaTask("ping.keyword", Description = "Says \"hi\"\\n\ttwice")]
                [TaskQueue("q\"uote\\")]
                public Task @event(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var tasks = run.Source("Edge.PingTasks.g.cs");
        Assert.Contains("public static global::SchemaTasks.TaskDefinition<global::Edge.PingPayload> @event { get; }", tasks, StringComparison.Ordinal);
        Assert.Contains("description: \"Says \\\"hi\\\"\\\\n\\ttwice\");", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_class_across_files_is_one_domain_and_validators_are_listed_once()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Usings + "namespace Edge;" + Payload + """
                public sealed partial class PingValidator : AbstractValidator<PingPayload> { }

                public sealed partial class PingTaskService
                {
                    [SchemaTask("ping.first")]
                    public Task FirstAsync(PingPayload payload) => Task.CompletedTask;
                }
                """,
            GeneratorHarness.Usings + """
                namespace Edge;

                public sealed partial class PingValidator : FluentValidation.AbstractValidator<PingPayload> { }

                public sealed partial class PingTaskService
                {
                    [SchemaTask("ping.second")]
                    public Task SecondAsync(PingPayload payload) => Task.CompletedTask;
                }
                """);

        Assert.Equal(6, run.Sources.Length);
        var registration = run.Source("Microsoft.Extensions.DependencyInjection.PingTaskerServiceCollectionExtensions.g.cs");
        Assert.Equal(2, registration.Split("AddValidator(services, global::Edge.PingTasks.First, typeof(global::Edge.PingValidator));").Length);
        Assert.Equal(2, registration.Split("AddValidator(").Length);
    }

    [Fact]
    public void Validators_of_other_payloads_and_abstract_or_generic_validators_are_not_registered()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Edge;" + Payload + """
            public sealed record OtherPayload(int Value);
            public sealed class OtherValidator : AbstractValidator<OtherPayload> { }
            public abstract class PingValidatorBase : AbstractValidator<PingPayload> { }
            public sealed class DerivedPingValidator : PingValidatorBase { }
            public class GenericValidator<T> : AbstractValidator<PingPayload> { }

            public sealed class PingTaskService
            {
                [SchemaTask("ping.validated")]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var registration = run.Source("Microsoft.Extensions.DependencyInjection.PingTaskerServiceCollectionExtensions.g.cs");
        Assert.Contains("typeof(global::Edge.DerivedPingValidator))", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("OtherValidator", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("PingValidatorBase)", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("GenericValidator", registration, StringComparison.Ordinal);
    }
}
