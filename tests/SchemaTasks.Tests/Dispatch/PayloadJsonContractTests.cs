using System.Text.Json;
using System.Text.Json.Serialization;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

/// <summary>
/// Payload JSON goes through the contract of <see cref="SchemaTasksOptions.JsonSerializerOptions"/>: a trimmed or native
/// AOT application lists its payloads in a <see cref="JsonSerializerContext"/> there.
/// </summary>
public sealed class PayloadJsonContractTests
{
    [Fact]
    public async Task A_payload_listed_in_a_source_generated_context_crosses_as_json_and_runs()
    {
        TestPayload? received = null;
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            received = payload;
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(
            configure: options => options.JsonSerializerOptions = new JsonSerializerOptions { TypeInfoResolver = PayloadsJsonContext.Default },
            tasks: task);

        var run = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(7, "seven", [1, 2]), null, default));

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(7, received!.Value);
        Assert.Equal("seven", received.Name);
        Assert.Equal([1, 2], received.Items!);
    }

    [Fact]
    public async Task A_payload_the_configured_contracts_do_not_list_is_refused_on_trigger_with_an_error_naming_it()
    {
        var task = new TaskDefinition<UnlistedPayload>(TestTasks.UniqueId("unlisted"), static (_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(
            configure: options => options.JsonSerializerOptions = new JsonSerializerOptions { TypeInfoResolver = PayloadsJsonContext.Default },
            tasks: task);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => runtime.Trigger.TriggerAsync(task, new UnlistedPayload("x"), null, default));

        Assert.Contains(typeof(UnlistedPayload).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("SchemaTasksOptions.JsonSerializerOptions has no JSON contract for it", error.Message, StringComparison.Ordinal);
        Assert.Contains("TypeInfoResolverChain.Insert(0, MyJsonContext.Default)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    public sealed record UnlistedPayload(string Text);
}

/// <summary>The contracts a trimmed application would generate for its payloads; <see cref="PayloadJsonContractTests.UnlistedPayload"/> is not one of them.</summary>
[JsonSerializable(typeof(TestPayload))]
internal sealed partial class PayloadsJsonContext : JsonSerializerContext;
