namespace SchemaTasks.Backends;

/// <summary>
/// A store that creates a run straight from its <see cref="TaskRunRequest"/>, without the <see cref="TaskRunRecord"/>
/// and <see cref="TaskRunInfo"/> that <see cref="ITaskRunStore.CreateAsync"/> takes (~290 bytes per run that a store
/// keeping runs in memory would only copy and then hold while the run waits). Only for a run without an idempotency
/// key, which is always created: a keyed run goes through <see cref="TaskRunStoreExtensions.CreateRunAsync"/>.
/// </summary>
internal interface IRunCreationFromRequest
{
    /// <summary>
    /// Stores the run that <see cref="TaskRunRecord.Create"/> would build from the same arguments, field for field.
    /// </summary>
    /// <returns>The fields the options gave the new run (its status, delay, TTL, machine).</returns>
    NewRunFields CreateFromRequest(TaskRunRequest request, string runId, TaskRunMode mode, DateTimeOffset now, string? traceParent);
}
