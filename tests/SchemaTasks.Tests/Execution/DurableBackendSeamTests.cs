using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SchemaTasks.Backends;
using SchemaTasks.Execution;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Execution;

/// <summary>The executor and store as a durable backend drives them, without the in-process backend.</summary>
public sealed class DurableBackendSeamTests
{
    [Fact]
    public async Task An_attempt_interrupted_by_shutdown_can_be_queued_again_instead_of_canceled()
    {
        using var stop = new CancellationTokenSource();
        var task = TestTasks.Define(async (_, _, context, ct) =>
        {
            if (context.Attempt == 1)
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
        }, retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var executor = runtime.Services.GetRequiredService<TaskExecutor>();
        var (record, _) = await runtime.Store.CreateRunAsync(
            new TaskRunRequest(task, "{\"value\":1}", new TriggerOptions()), TaskRunMode.Async, runtime.Time, NullLogger.Instance);

        var interrupted = await executor.RunAttemptAsync(record.Info.RunId, stop.Token, "node shutting down", requeueWhenCanceled: true);

        Assert.True(interrupted.IsRetry);
        Assert.Equal(TimeSpan.Zero, interrupted.RetryDelay);
        Assert.Equal(runtime.Time.GetUtcNow(), interrupted.RetryAt);
        var queued = await runtime.Runs.GetAsync(record.Info.RunId);
        Assert.Equal(TaskRunStatus.Queued, queued!.Status);
        Assert.Equal("node shutting down", queued.Error);
        Assert.Single(runtime.Logs.WithId(1210));

        var resumed = await executor.RunAttemptAsync(record.Info.RunId, CancellationToken.None);
        Assert.Equal(TaskRunStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.Attempt);
    }

    [Fact]
    public async Task A_run_already_final_or_unknown_is_skipped_by_the_executor()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var executor = runtime.Services.GetRequiredService<TaskExecutor>();
        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.CompletionAsync(handle);

        var again = await executor.RunAttemptAsync(handle.RunId, CancellationToken.None);
        var unknown = await executor.RunAttemptAsync("run_nope", CancellationToken.None);

        Assert.True(again.Skipped);
        Assert.Equal(TaskRunStatus.Completed, again.Status);
        Assert.Equal(1, (await runtime.Runs.GetAsync(handle.RunId))!.Attempts);
        Assert.True(unknown.Skipped);
    }

    [Fact]
    public async Task Concurrent_triggers_with_one_idempotency_key_create_one_run()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "burst" };

        var handles = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => runtime.Trigger.TriggerAsync(task, new TestPayload(i + 1), options, default))));

        Assert.Single(handles.Select(handle => handle.RunId).Distinct());
        Assert.Single(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }));
    }

    [Fact]
    public async Task A_converter_that_throws_while_reading_fails_that_run_as_unreadable()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options =>
        {
            options.JsonSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            options.JsonSerializerOptions.Converters.Add(new ExplodingOnReadConverter());
        }, tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Contains("cannot be read", run.Error);
        Assert.Contains("bad format", run.Error);
    }

    private sealed class ExplodingOnReadConverter : JsonConverter<TestPayload>
    {
        public override TestPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new FormatException("bad format");

        public override void Write(Utf8JsonWriter writer, TestPayload value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("value", value.Value);
            writer.WriteEndObject();
        }
    }
}
