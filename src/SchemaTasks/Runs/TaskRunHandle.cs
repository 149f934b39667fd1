namespace SchemaTasks;

/// <summary>What triggering a task returns: the run to follow with <see cref="ITaskRuns"/>.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="TaskId">The task id.</param>
/// <param name="Mode">Whether the run was enqueued (<see cref="TaskRunMode.Async"/>) or ran inline.</param>
public sealed record TaskRunHandle(string RunId, string TaskId, TaskRunMode Mode);
