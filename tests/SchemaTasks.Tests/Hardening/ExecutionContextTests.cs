using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// Attempts start from a clean execution context: the AsyncLocals of whoever triggered first (a tenant, a user,
/// Activity.Current, logging scopes) must never reach a later run, nor even that caller's own run.
/// </summary>
public sealed class ExecutionContextTests
{
    private static readonly AsyncLocal<string?> Tenant = new();

    [Fact]
    public async Task Runs_triggered_under_different_ambient_values_see_neither()
    {
        var seen = new List<(int Run, string? Tenant)>();
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            lock (seen)
            {
                seen.Add((payload.Value, Tenant.Value));
            }

            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);

        var first = await TriggerAsAsync("A", () => runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));
        await runtime.CompletionAsync(first);
        var second = await TriggerAsAsync("B", () => runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default));
        await runtime.CompletionAsync(second);
        var delayed = await TriggerAsAsync("C", () => runtime.Trigger.TriggerAsync(task, new TestPayload(3), new TriggerOptions { Delay = TimeSpan.FromMinutes(1) }, default));
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        await runtime.CompletionAsync(delayed);

        Assert.Equal([(1, null), (2, null), (3, null)], seen.OrderBy(entry => entry.Run));
    }

    [Fact]
    public async Task A_retry_does_not_see_the_ambient_values_of_the_trigger()
    {
        var seen = new List<string?>();
        var task = TestTasks.Define((_, _, context, _) =>
        {
            lock (seen)
            {
                seen.Add(Tenant.Value);
            }

            return context.Attempt == 1 ? throw new InvalidOperationException("retry me") : Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await TriggerAsAsync("A", () => runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        Tenant.Value = "test thread";
        runtime.Time.Advance(TimeSpan.FromSeconds(1));
        Tenant.Value = null;
        await runtime.CompletionAsync(handle);

        Assert.Equal([null, null], seen);
    }

    private static async Task<TaskRunHandle> TriggerAsAsync(string tenant, Func<Task<TaskRunHandle>> trigger)
    {
        // A separate async flow, as a request would be: the value is the caller's, set around its trigger.
        return await Task.Run(async () =>
        {
            Tenant.Value = tenant;
            return await trigger();
        });
    }
}
