using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// Every run that enters Executing leaves it, with the status its attempt earned: a scoped service that throws when
/// the attempt's scope is disposed, or an out-of-memory error while the payload is read, must not leave a zombie run
/// (that would also hold its idempotency key for 30 days) nor turn a success into a failure.
/// </summary>
public sealed class AttemptExitTests
{
    [Theory]
    [InlineData(TaskRunMode.Async, null)]
    [InlineData(TaskRunMode.Async, "key-1")]
    [InlineData(TaskRunMode.Sync, null)]
    [InlineData(TaskRunMode.Sync, "key-1")]
    public async Task A_task_that_succeeds_stays_Completed_when_a_scoped_service_throws_on_dispose(TaskRunMode mode, string? idempotencyKey)
    {
        var invoked = 0;
        var task = TestTasks.Define((services, _, _, _) =>
        {
            services.GetRequiredService<ThrowsOnDispose>();
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services => services.AddScoped<ThrowsOnDispose>(), tasks: task);
        var options = new TriggerOptions { IdempotencyKey = idempotencyKey };

        var handle = await RunAsync(runtime, mode, task, options);
        var run = await runtime.CompletionAsync(handle);
        var repeat = await RunAsync(runtime, mode, task, options);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Contains(runtime.Logs.WithId(1211), entry => entry.Message.Contains(handle.RunId, StringComparison.Ordinal));
        if (idempotencyKey is null)
        {
            Assert.NotEqual(handle.RunId, repeat.RunId);
            Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(repeat)).Status);
            Assert.Equal(2, invoked);
        }
        else
        {
            // The key points at a completed run, not at a zombie: the repeat returns it and runs nothing.
            Assert.Equal(handle.RunId, repeat.RunId);
            Assert.Equal(1, invoked);
        }
    }

    [Fact]
    public async Task A_failed_attempt_keeps_its_retry_when_a_scoped_service_throws_on_dispose()
    {
        var attempts = 0;
        var task = TestTasks.Define((services, _, _, _) =>
        {
            services.GetRequiredService<ThrowsOnDispose>();
            return Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("first attempt fails") : Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services => services.AddScoped<ThrowsOnDispose>(), tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var retrying = await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        runtime.Time.Advance(TimeSpan.FromSeconds(1));
        var run = await runtime.CompletionAsync(handle);

        Assert.Contains("first attempt fails", retrying.Error);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(2, run.Attempts);
    }

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task Running_out_of_memory_while_reading_the_payload_retries_on_the_out_of_memory_machine(TaskRunMode mode)
    {
        var machines = new List<Machine>();
        var task = TestTasks.Define((_, _, context, _) =>
        {
            lock (machines)
            {
                machines.Add(context.Machine);
            }

            return Task.CompletedTask;
        }, machine: Machine.Small1x, retry: TestTasks.NoJitter(outOfMemoryMachine: Machine.Medium1x));
        var converter = new OutOfMemoryOnFirstRead();
        await using var runtime = TestRuntime.Create(configure: options => options.JsonSerializerOptions.Converters.Add(converter), tasks: task);

        var handle = mode == TaskRunMode.Async
            ? await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default)
            : await runtime.Sync.RunAsync(task, new TestPayload(1), null, default);
        if (mode == TaskRunMode.Async)
        {
            await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
            runtime.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(Machine.Medium1x, run.Machine);
        Assert.Equal([Machine.Medium1x], machines);
    }

    private static Task<TaskRunHandle> RunAsync(TestRuntime runtime, TaskRunMode mode, TaskDefinition<TestPayload> task, TriggerOptions options) =>
        mode == TaskRunMode.Async
            ? runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default)
            : runtime.Sync.RunAsync(task, new TestPayload(1), options, default);

    private sealed class ThrowsOnDispose : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => throw new InvalidOperationException("a scoped service failed to dispose");
    }

    /// <summary>Writes payloads as usual; the first read runs out of memory, as a huge payload would on a small machine.</summary>
    private sealed class OutOfMemoryOnFirstRead : JsonConverter<TestPayload>
    {
        private int _reads;

        public override TestPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (Interlocked.Increment(ref _reads) == 1)
            {
                throw new OutOfMemoryException("payload too large for this machine");
            }

            using var document = JsonDocument.ParseValue(ref reader);
            return new TestPayload(document.RootElement.GetProperty("value").GetInt32());
        }

        public override void Write(Utf8JsonWriter writer, TestPayload value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("value", value.Value);
            writer.WriteEndObject();
        }
    }
}
