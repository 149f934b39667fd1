namespace SchemaTasks;

/// <summary>What the scheduler remembers of a schedule between wake-ups and restarts.</summary>
/// <param name="LastTimestamp">The nominal time of the last occurrence that was dispatched.</param>
/// <param name="LastRunId">
/// The run id of that occurrence, when the backend gave one; <see cref="ScheduleOptions.SkipIfActive"/> checks
/// it with <see cref="ITaskRuns"/>. Null for a run that executed inline (sync mode).
/// </param>
public sealed record ScheduleState(DateTimeOffset LastTimestamp, string? LastRunId);
