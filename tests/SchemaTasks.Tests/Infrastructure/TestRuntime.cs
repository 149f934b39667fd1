using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;

namespace SchemaTasks.Tests.Infrastructure;

/// <summary>
/// The runtime in a plain service provider with a fake clock and a captured log: what most tests drive.
/// Disposing stops the in-process backend.
/// </summary>
public sealed class TestRuntime : IAsyncDisposable
{
    /// <summary>A safety net only: tests wait on signals, and this bounds a wait that would otherwise hang.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);

    private TestRuntime(ServiceProvider services, FakeTimeProvider time, ListLoggerProvider logs)
    {
        Services = services;
        Time = time;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public ListLoggerProvider Logs { get; }

    public ITaskTrigger Trigger => Services.GetRequiredService<ITaskTrigger>();

    public ISyncTaskRunner Sync => Services.GetRequiredService<ISyncTaskRunner>();

    public ITaskRuns Runs => Services.GetRequiredService<ITaskRuns>();

    internal InMemoryTaskRunStore Store => (InMemoryTaskRunStore)Services.GetRequiredService<ITaskRunStore>();

    internal InProcessBackend Backend => Services.GetRequiredService<InProcessBackend>();

    public static TestRuntime Create(Action<IServiceCollection>? configureServices = null, Action<SchemaTasksOptions>? configure = null, params TaskDefinition[] tasks)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddSchemaTasks(configure);
        foreach (var task in tasks)
        {
            builder.AddTask(task);
        }

        configureServices?.Invoke(services);
        return new TestRuntime(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), time, logs);
    }

    public async Task<TaskRunInfo> CompletionAsync(TaskRunHandle handle) =>
        await Runs.WaitForCompletionAsync(handle.RunId, Timeout.InfiniteTimeSpan).WaitAsync(SafetyTimeout);

    /// <summary>Waits until the stored run satisfies <paramref name="predicate"/>, woken by the store's change events.</summary>
    public async Task<TaskRunInfo> WaitForAsync(string runId, Func<TaskRunInfo, bool> predicate)
    {
        var reached = new TaskCompletionSource<TaskRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            var current = Store.GetAsync(runId).GetAwaiter().GetResult();
            if (current is not null && predicate(current))
            {
                reached.TrySetResult(current);
            }
        }

        void OnChanged(TaskRunInfo info)
        {
            if (info.RunId == runId)
            {
                Check();
            }
        }

        Store.Changed += OnChanged;
        try
        {
            Check();
            return await reached.Task.WaitAsync(SafetyTimeout);
        }
        finally
        {
            Store.Changed -= OnChanged;
        }
    }

    /// <summary>
    /// The first run of <paramref name="task"/> seen in <paramref name="status"/>, for a run whose id the test does not
    /// have yet (an inline run still inside its call); woken by the store's change events.
    /// </summary>
    public async Task<TaskRunInfo> WaitForRunOfTaskAsync(TaskDefinition task, TaskRunStatus status)
    {
        var found = new TaskCompletionSource<TaskRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(TaskRunInfo info)
        {
            if (info.TaskId == task.Id && info.Status == status)
            {
                found.TrySetResult(info);
            }
        }

        Store.Changed += OnChanged;
        try
        {
            foreach (var run in await Runs.ListAsync(new TaskRunQuery { TaskId = task.Id, Status = status }))
            {
                found.TrySetResult(run);
            }

            return await found.Task.WaitAsync(SafetyTimeout);
        }
        finally
        {
            Store.Changed -= OnChanged;
        }
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
