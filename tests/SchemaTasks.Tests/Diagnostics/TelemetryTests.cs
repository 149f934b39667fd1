using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SchemaTasks.Diagnostics;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Diagnostics;

public sealed class TelemetryTests
{
    [Fact]
    public async Task A_trigger_and_each_attempt_get_a_span_with_their_tags_in_one_trace()
    {
        var task = TestTasks.Define((_, _, context, _) => context.Attempt == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask,
            queue: new QueueOptions(TestTasks.UniqueId("traced"), 3), machine: Machine.Small2x, retry: TestTasks.NoJitter(minTimeoutInMs: 0, maxTimeoutInMs: 0));
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SchemaTasksTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(SchemaTasksTelemetry.TaskIdTag), task.Id))
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.CompletionAsync(handle);
        await runtime.Backend.StopAsync(CancellationToken.None);

        var trigger = Assert.Single(activities, activity => activity.OperationName == SchemaTasksTelemetry.TriggerActivityName);
        Assert.Equal(ActivityKind.Producer, trigger.Kind);
        Assert.Equal(handle.RunId, trigger.GetTagItem(SchemaTasksTelemetry.RunIdTag));
        Assert.Equal(task.Queue.Name, trigger.GetTagItem(SchemaTasksTelemetry.QueueTag));
        Assert.Equal("enqueued", trigger.GetTagItem(SchemaTasksTelemetry.OutcomeTag));
        var attempts = activities.Where(activity => activity.OperationName == SchemaTasksTelemetry.AttemptActivityName)
            .OrderBy(activity => (int)activity.GetTagItem(SchemaTasksTelemetry.AttemptTag)!).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(ActivityKind.Consumer, attempt.Kind);
            Assert.Equal(handle.RunId, attempt.GetTagItem(SchemaTasksTelemetry.RunIdTag));
            Assert.Equal("small-2x", attempt.GetTagItem(SchemaTasksTelemetry.MachineTag));
            Assert.Equal(task.Queue.Name, attempt.GetTagItem(SchemaTasksTelemetry.QueueTag));
            Assert.Equal(trigger.TraceId, attempt.TraceId);
        });
        Assert.Equal("retrying", attempts[0].GetTagItem(SchemaTasksTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal("completed", attempts[1].GetTagItem(SchemaTasksTelemetry.OutcomeTag));
    }

    [Fact]
    public async Task Counters_and_the_attempt_duration_histogram_are_recorded_per_task()
    {
        var ok = TestTasks.Define((_, _, context, _) => context.Attempt == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask,
            retry: TestTasks.NoJitter(minTimeoutInMs: 0, maxTimeoutInMs: 0));
        var bad = TestTasks.Define((_, _, _, _) => throw new AbortTaskRunException("no"));
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string TaskId)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == SchemaTasksTelemetry.Name)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SchemaTasksTelemetry.TaskIdTag && tag.Value is string id && (id == ok.Id || id == bad.Id))
                {
                    measurements.Enqueue((instrument.Name, value, id));
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        listener.Start();
        await using var runtime = TestRuntime.Create(tasks: [ok, bad]);

        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(ok, new TestPayload(1), null, default));
        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(bad, new TestPayload(1), null, default));
        await runtime.Sync.RunAsync(ok, new TestPayload(2), new TriggerOptions { MaxAttempts = 1 }, default).ContinueWith(_ => { }, TaskScheduler.Default);

        int Count(string instrument, string taskId) => measurements.Count(m => m.Instrument == instrument && m.TaskId == taskId);
        Assert.Equal(2, Count("schematasks.runs.triggered", ok.Id));
        Assert.Equal(1, Count("schematasks.runs.retried", ok.Id));
        Assert.Equal(1, Count("schematasks.runs.completed", ok.Id));
        Assert.Equal(1, Count("schematasks.runs.failed", ok.Id));
        Assert.Equal(3, Count("schematasks.attempt.duration", ok.Id));
        Assert.Equal(1, Count("schematasks.runs.triggered", bad.Id));
        Assert.Equal(1, Count("schematasks.runs.failed", bad.Id));
        Assert.Equal(0, Count("schematasks.runs.completed", bad.Id));
    }
}
