using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.InvalidTaskMethodShapeAnalyzer>;
using VerifyNames = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.TaskNameCollisionAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0001: the shape of a task method, reported where the shape goes wrong.</summary>
public sealed class STK0001Tests
{
    [Fact]
    public async Task A_method_returning_void_is_reported_on_its_return_type()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public {|#0:void|} Run(PingPayload payload, CancellationToken cancellationToken) { }
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("Run", "returns 'void'; a task method returns Task or ValueTask"));
    }

    // The rules answer "no attribute here" from the syntax before binding (AttributeSyntaxGate): a task attribute
    // written where a method's attributes come from another declaration must still be seen.
    [Fact]
    public async Task A_task_attribute_on_a_property_accessor_is_reported_as_not_an_ordinary_method()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    public Task Current
                    {
                        [{|#0:SchemaTask("ping.run")|}]
                        get => Task.CompletedTask;
                    }
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("get_Current", "is not an ordinary method of a class"));
    }

    [Fact]
    public async Task A_task_attribute_on_a_record_primary_constructor_is_reported_as_not_an_ordinary_method()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [method: {|#0:SchemaTask("ping.run")|}]
                public sealed record PingTaskService(PingPayload Payload);
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(".ctor", "is not an ordinary method of a class"),
            // The compiler refuses the target too; STK0001 still names the task that will not be generated.
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0592").WithSpan(8, 10, 8, 20).WithArguments("SchemaTask", "method"));
    }

    [Fact]
    public async Task A_method_returning_a_result_is_reported_on_its_return_type()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public {|STK0001:Task<int>|} RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(1);
            }
            """));
    }

    [Fact]
    public async Task A_method_without_a_payload_is_reported_on_its_name()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public Task {|#0:RunAsync|}() => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("RunAsync", "takes no payload; its first parameter is the payload"));
    }

    [Fact]
    public async Task A_schema_task_taking_a_cancellation_token_first_is_reported_on_its_type()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync({|STK0001:CancellationToken|} cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_scheduled_task_whose_first_parameter_is_not_a_ScheduledRun_is_reported_on_its_type()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [ScheduledTask("ping.schedule", Cron = "0 * * * *")]
                    public Task ScheduleAsync({|#0:PingPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "ScheduleAsync", "takes 'PingPayload' first; a scheduled task's first parameter is the ScheduledRun"));
    }

    [Fact]
    public async Task A_generic_method_is_reported_on_its_type_parameters()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync{|STK0001:<T>|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_of_a_generic_class_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService<T>
                {
                    [SchemaTask("ping.run")]
                    public Task {|#0:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("RunAsync", "is declared in generic type 'PingTaskService<T>'; a task service is not generic"));
    }

    [Theory]
    [InlineData("private", "private")]
    [InlineData("protected", "protected")]
    [InlineData("private protected", "private protected")]
    public async Task A_method_generated_code_cannot_call_is_reported_on_its_name(string modifier, string described)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    {{modifier}} Task {|#0:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("RunAsync", $"is {described}; generated code must call it (make it public or internal)"));
    }

    [Fact]
    public async Task A_method_of_a_private_nested_class_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public static class Outer
                {
                    private sealed class PingTaskService
                    {
                        [SchemaTask("ping.run")]
                        public Task {|#0:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                    }
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "RunAsync", "is declared in private type 'PingTaskService'; generated code must reach it (make it public or internal)"));
    }

    [Fact]
    public async Task An_abstract_method_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public abstract class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public abstract Task {|#0:RunAsync|}(PingPayload payload, CancellationToken cancellationToken);
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("RunAsync", "is abstract; a task method has a body"));
    }

    [Fact]
    public async Task An_instance_method_of_an_abstract_class_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public abstract class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task {|STK0001:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_of_a_struct_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public struct PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task {|STK0001:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_parameter_by_reference_is_reported_on_the_parameter()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public Task RunAsync(PingPayload payload, {|#0:in CancellationToken cancellationToken|}) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "RunAsync", "takes parameter 'cancellationToken' by reference; generated code passes each parameter by value"));
    }

    [Fact]
    public async Task A_service_parameter_that_cannot_be_resolved_is_reported_on_its_type()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync(PingPayload payload, {|STK0001:int?|} retries, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_with_both_task_attributes_is_reported_on_the_second()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                [{|STK0001:ScheduledTask("ping.schedule", Cron = "0 * * * *")|}]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Valid_shapes_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public interface IPingRepository { }

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.value-task")]
                internal ValueTask RunValueAsync(PingPayload payload, IPingRepository repository, TaskRunContext context, CancellationToken cancellationToken) => default;

                [SchemaTask("ping.static")]
                public static Task RunStaticAsync(PingPayload payload, IPingRepository? optional, CancellationToken cancellationToken) => Task.CompletedTask;

                [ScheduledTask("ping.schedule", Cron = "0 * * * *")]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;

                [ScheduledTask("ping.schedule-alone", Cron = "0 * * * *")]
                public Task ScheduleAloneAsync(ScheduledRun run) => Task.CompletedTask;
            }

            public static class PingStaticTaskService
            {
                [SchemaTask("ping.in-static-class")]
                public static Task RunAsync(PingPayload payload) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_without_a_task_attribute_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                private void Run<T>(ref int x) { }
            }
            """));
    }

    [Fact]
    public async Task Tasks_whose_generated_names_collide_are_each_reported_on_their_name_naming_the_other()
    {
        await VerifyNames.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.sync")]
                    public Task {|#0:Sync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.sync-async")]
                    public Task {|#1:SyncAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.ping")]
                    public Task {|#2:Ping|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [ScheduledTask("ping.ping-id", Cron = "0 * * * *")]
                    public Task {|#3:PingId|}(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.run")]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            VerifyNames.Diagnostic().WithLocation(0).WithArguments(
                "Sync", "cannot be generated: its generated name 'PingTasks.Sync' collides with task method 'SyncAsync' (rename one of them)"),
            VerifyNames.Diagnostic().WithLocation(1).WithArguments(
                "SyncAsync", "cannot be generated: its generated name 'PingTasks.Sync' collides with task method 'Sync' (rename one of them)"),
            VerifyNames.Diagnostic().WithLocation(2).WithArguments(
                "Ping", "cannot be generated: its generated name 'PingTasks.PingId' collides with task method 'PingId' (rename one of them)"),
            VerifyNames.Diagnostic().WithLocation(3).WithArguments(
                "PingId", "cannot be generated: its generated name 'PingTasks.PingId' collides with task method 'Ping' (rename one of them)"));
    }

    [Theory]
    [InlineData("All", "PingTasks.All", "is reserved")]
    [InlineData("ToStringAsync", "PingTasks.ToString", "is reserved")]
    [InlineData("GetHashCode", "PingTasks.GetHashCode", "is reserved")]
    [InlineData("PingTasks", "PingTasks.PingTasks", "is the name of its generated class")]
    public async Task A_task_whose_generated_name_is_reserved_is_reported_on_its_name(string method, string member, string why)
    {
        await VerifyNames.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public Task {|#0:{{method}}|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            VerifyNames.Diagnostic().WithLocation(0).WithArguments(
                method, $"cannot be generated: its generated name '{member}' {why} (rename the method)"));
    }

    [Fact]
    public async Task Like_names_in_two_classes_and_a_collision_with_a_task_the_generator_drops_anyway_are_not_reported()
    {
        // SyncAsync has an invalid id (STK0002): the generator parses no task from it, so Sync is generated.
        await VerifyNames.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.sync")]
                public Task Sync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("Ping_Sync")]
                public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.all-items")]
                public Task AllItemsAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class PongTaskService
            {
                [SchemaTask("pong.sync")]
                public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_carrying_both_task_attributes_is_reported_once_and_only_for_another_method()
    {
        // Both attributes parse (a ScheduledRun is a valid payload too), so the generator sees two tasks of one name
        // and drops them; the shape rule says "carries both", and this rule names only collisions with other methods.
        await VerifyNames.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [ScheduledTask("ping.schedule", Cron = "0 * * * *")]
                    public Task {|#0:Run|}(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.run-async")]
                    public Task {|#1:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }

                public sealed class PongTaskService
                {
                    [SchemaTask("pong.run")]
                    [ScheduledTask("pong.schedule", Cron = "0 * * * *")]
                    public Task RunAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            VerifyNames.Diagnostic().WithLocation(0).WithArguments(
                "Run", "cannot be generated: its generated name 'PingTasks.Run' collides with task method 'RunAsync' (rename one of them)"),
            VerifyNames.Diagnostic().WithLocation(1).WithArguments(
                "RunAsync", "cannot be generated: its generated name 'PingTasks.Run' collides with task method 'Run' (rename one of them)"));
    }
}
