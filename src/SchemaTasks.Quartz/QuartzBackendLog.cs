using Microsoft.Extensions.Logging;

namespace SchemaTasks.Quartz;

/// <summary>The Quartz backend's log events (ids 4000–4099; docs/backends.md lists them).</summary>
internal static partial class QuartzBackendLog
{
    [LoggerMessage(4000, LogLevel.Information, "SchemaTasks Quartz backend started on node '{NodeId}' ({Store}); serving machines {Machines}")]
    public static partial void Started(ILogger logger, string nodeId, string store, string machines);

    [LoggerMessage(4001, LogLevel.Information, "SchemaTasks Quartz backend on node '{NodeId}' is stopping: no new attempts; {InFlight} attempt(s) in flight get the host's shutdown timeout, then are re-queued")]
    public static partial void Stopping(ILogger logger, string nodeId, int inFlight);

    [LoggerMessage(4002, LogLevel.Warning, "Run '{RunId}' waits for machine {Machine}, which no live node serves; it stays Queued until a node serving it starts")]
    public static partial void MachineNotServed(ILogger logger, string runId, string machine);

    [LoggerMessage(4003, LogLevel.Warning, "{Count} run(s) held by a node that stopped heart-beating were put back in their queue: {RunIds}")]
    public static partial void RunsRecovered(ILogger logger, int count, string runIds);

    [LoggerMessage(4004, LogLevel.Error, "The Quartz backend failed while handling run '{RunId}'; the worker goes on")]
    public static partial void RunCrashed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(4005, LogLevel.Error, "The Quartz backend's dispatch loop failed; it retries")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(4006, LogLevel.Warning, "The notification listener on '{Channel}' lost its connection; reconnecting (polling covers the gap)")]
    public static partial void ListenerLost(ILogger logger, string channel, Exception exception);

    [LoggerMessage(4007, LogLevel.Error, "The timer of run '{RunId}' ({Kind}) failed")]
    public static partial void TimerFailed(ILogger logger, string runId, string kind, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "The heartbeat of node '{NodeId}' failed; its leases expire if it keeps failing")]
    public static partial void HeartbeatFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(4009, LogLevel.Error, "Occurrence {Timestamp} of schedule '{ScheduleId}' could not be dispatched")]
    public static partial void OccurrenceFailed(ILogger logger, string scheduleId, DateTimeOffset timestamp, Exception exception);

    [LoggerMessage(4010, LogLevel.Information, "Occurrence {Timestamp} of schedule '{ScheduleId}' skipped: the previous run ({PreviousRunId}) is still active and the schedule has SkipIfActive")]
    public static partial void OccurrenceSkipped(ILogger logger, string scheduleId, DateTimeOffset timestamp, string previousRunId);
}
