using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// Which validators the registration names (the shared ValidatorRules, which STK0104 also follows): those next to
/// the payload whatever their base class is named, in this project or a referenced Contracts project, and those
/// named like a validator anywhere in this project; never one that generated code cannot name.
/// </summary>
public sealed class ValidatorDiscoveryTests
{
    private const string Service = """

        namespace Edge.Tasks
        {
            public sealed class PingTaskService
            {
                [SchemaTask("ping.validated")]
                public Task PingAsync(global::Contracts.Ping.PingPayload payload) => Task.CompletedTask;
            }
        }
        """;

    private const string Registration = "Microsoft.Extensions.DependencyInjection.PingTaskerServiceCollectionExtensions.g.cs";

    [Fact]
    public void A_validator_next_to_its_payload_in_a_referenced_Contracts_project_is_registered()
    {
        var contracts = GeneratorHarness.CompileReference("Contracts", GeneratorHarness.Usings + """
            namespace Contracts.Ping
            {
                public sealed record PingPayload(int Value);
                public abstract class PayloadRules<T> : AbstractValidator<T> { }
                public sealed class PingRules : PayloadRules<PingPayload> { }
                public sealed class PingPayloadValidator : AbstractValidator<PingPayload> { }
                internal sealed class HiddenPingValidator : AbstractValidator<PingPayload> { }
            }

            namespace Contracts.Validation
            {
                public sealed class ElsewherePingValidator : AbstractValidator<Contracts.Ping.PingPayload> { }
            }
            """);

        var registration = GeneratorHarness.RunWithReference(contracts, GeneratorHarness.Usings + Service).Source(Registration);

        Assert.Contains("AddValidator(services, global::Edge.Tasks.PingTasks.Ping, typeof(global::Contracts.Ping.PingRules));", registration, StringComparison.Ordinal);
        Assert.Contains("AddValidator(services, global::Edge.Tasks.PingTasks.Ping, typeof(global::Contracts.Ping.PingPayloadValidator));", registration, StringComparison.Ordinal);
        Assert.Equal(3, registration.Split("AddValidator(").Length);
    }

    [Fact]
    public void A_validator_next_to_its_payload_whose_base_class_only_another_partial_part_names_is_registered()
    {
        // The first part names no base class: the lookup must read every part before it skips the class unbound.
        var registration = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Edge.Tasks
            {
                public sealed record PingPayload(int Value);
                public sealed partial class PingRules { }
                public sealed partial class PingRules : Rules<PingPayload> { }
                public abstract class Rules<T> : AbstractValidator<T> { }

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.validated")]
                    public Task PingAsync(PingPayload payload) => Task.CompletedTask;
                }
            }
            """).Source(Registration);

        Assert.Contains("AddValidator(services, global::Edge.Tasks.PingTasks.Ping, typeof(global::Edge.Tasks.PingRules));", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_validator_of_a_Contracts_project_is_not_registered()
    {
        var contracts = GeneratorHarness.CompileReference("Contracts", GeneratorHarness.Usings + """
            namespace Contracts.Ping
            {
                public sealed record PingPayload(int Value);
                internal sealed class PingPayloadValidator : AbstractValidator<PingPayload> { }
            }
            """);

        var registration = GeneratorHarness.RunWithReference(contracts, GeneratorHarness.Usings + Service).Source(Registration);

        Assert.DoesNotContain("AddValidator(", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validator_next_to_its_payload_is_registered_whatever_its_base_class_is_named_and_a_private_one_is_not()
    {
        var registration = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Contracts.Ping
            {
                public sealed record PingPayload(int Value)
                {
                    private sealed class PrivateValidator : AbstractValidator<PingPayload> { }
                    public sealed class NestedValidator : AbstractValidator<PingPayload> { }
                }

                public abstract class PayloadRules<T> : AbstractValidator<T> { }
                public sealed class PingRules : PayloadRules<PingPayload> { }
            }

            namespace Contracts.Rules
            {
                public sealed class ElsewherePingRules : Contracts.Ping.PayloadRules<Contracts.Ping.PingPayload> { }
            }
            """ + Service).Source(Registration);

        Assert.Contains("typeof(global::Contracts.Ping.PingRules))", registration, StringComparison.Ordinal);
        Assert.Contains("typeof(global::Contracts.Ping.PingPayload.NestedValidator))", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("PrivateValidator", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("ElsewherePingRules", registration, StringComparison.Ordinal);
        Assert.Equal(3, registration.Split("AddValidator(").Length);
    }

    [Fact]
    public void A_project_with_validators_and_no_task_binds_none_of_them_and_one_task_reads_them()
    {
        const string Validators = """

            namespace Contracts.Ping
            {
                public sealed record PingPayload(int Value);
                public sealed class PingPayloadValidator : AbstractValidator<PingPayload> { }
                public sealed class PingRules : AbstractValidator<PingPayload> { }
            }
            """;
        var noTask = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings + Validators);
        var result = GeneratorHarness.CreateDriver().RunGenerators(noTask, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Empty(result.GeneratedSources);
        Assert.All(result.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)).SelectMany(s => s.Value), step => Assert.Empty(step.Outputs));
        Assert.False(SchemaTasks.Generators.Parsing.ValidatorIndex.Exists(noTask), "The generator read the validators of a project with no task.");

        // The same validators with a task: the index is read (so the assertion above can fail) and names both.
        var withTask = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings + Validators + Service);
        var registration = GeneratorHarness.CreateDriver().RunGenerators(withTask, TestContext.Current.CancellationToken).GetRunResult()
            .GeneratedTrees.Single(t => t.FilePath.EndsWith(Registration, StringComparison.Ordinal)).ToString();

        Assert.True(SchemaTasks.Generators.Parsing.ValidatorIndex.Exists(withTask));
        Assert.Contains("typeof(global::Contracts.Ping.PingPayloadValidator))", registration, StringComparison.Ordinal);
        Assert.Contains("typeof(global::Contracts.Ping.PingRules))", registration, StringComparison.Ordinal);
    }
}
