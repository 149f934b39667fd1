using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Diagnostics;

public sealed class PayloadLoggingTests
{
    private const string Secret = "s3cr3t-payload-value";

    [Fact]
    public async Task Payloads_are_never_logged_by_default()
    {
        var task = TestTasks.Define((_, _, context, _) => context.Attempt == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask,
            retry: TestTasks.NoJitter(minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var runtime = TestRuntime.Create(tasks: task);

        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, Secret), null, default));

        Assert.NotEmpty(runtime.Logs.Entries);
        Assert.DoesNotContain(runtime.Logs.Entries, entry => entry.Message.Contains(Secret));
    }

    [Fact]
    public async Task Payloads_are_logged_at_debug_when_LogPayloads_is_set()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.LogPayloads = true, tasks: task);

        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, Secret), null, default));

        Assert.Contains(runtime.Logs.WithId(1103), entry => entry.Message.Contains(Secret));
    }
}
