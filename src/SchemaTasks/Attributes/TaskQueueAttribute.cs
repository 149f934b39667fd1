namespace SchemaTasks;

/// <summary>
/// Puts a task (or every task that uses this config type) on a named queue whose concurrency is limited,
/// as Trigger.dev's <c>queue({ name, concurrencyLimit })</c>.
/// </summary>
/// <param name="name">The queue name; tasks that share it share its limit.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskQueueAttribute(string name) : Attribute
{
    /// <summary>The queue name.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The most runs of this queue that execute at once (per concurrency key), 1 to 100000.
    /// </summary>
    public int ConcurrencyLimit { get; set; } = QueueOptions.UnboundedConcurrencyLimit;

    /// <summary>
    /// The most runs of this queue that execute at once across all concurrency keys; 0 means no cap.
    /// </summary>
    public int TotalConcurrencyLimit { get; set; }
}
