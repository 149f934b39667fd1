using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Scheduling;

/// <summary>
/// The hosted service that runs every registered scheduled task (<see cref="TaskDefinition.Schedule"/> set, payload
/// <see cref="ScheduledRun"/>) on its cron schedule, one <see cref="ScheduleLoop"/> each, driven by the
/// <see cref="TimeProvider"/> from DI. An invalid schedule fails the host at start, naming the task.
/// </summary>
internal sealed class CronScheduler : BackgroundService
{
    private readonly IReadOnlyList<TaskDefinition> _tasks;
    private readonly ScheduledRunDispatcher _dispatcher;
    private readonly ITaskRunReader _runs;
    private readonly IScheduleStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<CronScheduler> _logger;
    private IReadOnlyList<ScheduleLoop> _loops = [];

    public CronScheduler(
        IEnumerable<TaskDefinition> tasks,
        TaskerContext context,
        ITaskTrigger trigger,
        ISyncTaskRunner runner,
        ITaskRunReader runs,
        IScheduleStateStore store,
        TimeProvider time,
        ILogger<CronScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _tasks = [.. tasks];
        _dispatcher = new ScheduledRunDispatcher(context, trigger, runner, logger);
        _runs = runs;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>The schedules this service follows (valid once started).</summary>
    internal IReadOnlyList<ScheduleLoop> Loops => _loops;

    /// <summary>The inline (sync mode) runs started and not yet ended.</summary>
    internal int InlineRunsInFlight => _dispatcher.InlineRunsInFlight;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _loops = CreateLoops();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _dispatcher.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _dispatcher.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_loops.Select(loop => loop.RunAsync(stoppingToken)));

    private List<ScheduleLoop> CreateLoops()
    {
        var loops = new List<ScheduleLoop>();
        var seen = new HashSet<TaskDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var task in _tasks)
        {
            if (task.Schedule is not { } options || !seen.Add(task))
            {
                continue;
            }

            if (task is not TaskDefinition<ScheduledRun> scheduled)
            {
                throw new InvalidOperationException(
                    $"Task '{task.Id}' has a schedule but its payload is {task.PayloadType}; a scheduled task takes a {nameof(ScheduledRun)}.");
            }

            CronSchedule schedule;
            try
            {
                schedule = CronSchedule.Parse(options.Cron, options.TimeZone);
            }
            catch (Exception ex) when (ex is FormatException or TimeZoneNotFoundException or ArgumentException)
            {
                throw new InvalidOperationException($"The schedule of task '{task.Id}' is invalid: {ex.Message}", ex);
            }

            loops.Add(new ScheduleLoop(scheduled, schedule, _dispatcher, _runs, _store, _time, _logger));
        }

        return loops;
    }
}
