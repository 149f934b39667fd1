namespace SchemaTasks;

/// <summary>The resolved queue of a task: its name and concurrency limits.</summary>
/// <param name="Name">The queue name; tasks that share it share its limits.</param>
/// <param name="ConcurrencyLimit">The most runs of the queue executing at once, per concurrency key.</param>
/// <param name="TotalConcurrencyLimit">The most runs executing at once across all concurrency keys; 0 means no cap.</param>
public sealed record QueueOptions(string Name, int ConcurrencyLimit, int TotalConcurrencyLimit = 0)
{
    /// <summary>
    /// The limit of a queue that sets none, and the largest limit allowed: in effect unbounded, as a
    /// Trigger.dev task without a queue is limited only by its environment.
    /// </summary>
    public const int UnboundedConcurrencyLimit = 100_000;

    /// <summary>The prefix of the queue a task gets when it declares none: <c>task/&lt;id&gt;</c>.</summary>
    public const string TaskQueuePrefix = "task/";

    /// <summary>The queue of a task that declares none: <c>task/&lt;id&gt;</c>, unbounded.</summary>
    /// <param name="taskId">The task id.</param>
    public static QueueOptions ForTask(string taskId) => new(TaskQueuePrefix + taskId, UnboundedConcurrencyLimit);
}
