namespace SchemaTasks.Backends;

/// <summary>What <see cref="ITaskRunStore.CreateAsync"/> did.</summary>
/// <param name="Run">The new run, or the earlier run that holds the idempotency key.</param>
/// <param name="Created">True when <paramref name="Run"/> is new; false when an idempotent repeat returned an earlier run.</param>
public sealed record TaskRunCreation(TaskRunInfo Run, bool Created);
