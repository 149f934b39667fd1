namespace SchemaTasks.Execution;

/// <summary>
/// The registered <see cref="TaskDefinition"/>s by id: how a worker finds the task of a stored run (never by a
/// type name read from storage). Built once from the <see cref="TaskDefinition"/> singletons that
/// <c>SchemaTasksBuilder.AddTask</c> registers.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, TaskDefinition> _tasks;

    /// <summary>Builds the registry; throws <see cref="InvalidOperationException"/> on a conflict (see <see cref="FindConflicts"/>).</summary>
    /// <param name="tasks">The registered definitions.</param>
    public TaskRegistry(IEnumerable<TaskDefinition> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = tasks.Distinct().ToList();
        var conflicts = FindConflicts(all);
        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, conflicts));
        }

        _tasks = all.ToDictionary(task => task.Id, StringComparer.Ordinal);
    }

    /// <summary>Every registered task.</summary>
    public IReadOnlyCollection<TaskDefinition> Tasks => _tasks.Values;

    /// <summary>The task with this id, or null.</summary>
    /// <param name="taskId">The task id.</param>
    public TaskDefinition? Find(string taskId) => _tasks.GetValueOrDefault(taskId);

    /// <summary>
    /// What makes a set of definitions unusable: two different definitions with one id, or one queue name with
    /// two different limits (a queue has one limit, as STK0009 says at build time). Empty when none.
    /// </summary>
    /// <param name="tasks">The definitions.</param>
    public static IReadOnlyList<string> FindConflicts(IEnumerable<TaskDefinition> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = tasks.Distinct().ToList();
        var conflicts = new List<string>();
        foreach (var group in all.GroupBy(task => task.Id, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            conflicts.Add($"SchemaTasks: the task id '{group.Key}' is registered by {group.Count()} different task definitions; a task id must be unique.");
        }

        foreach (var group in all.GroupBy(task => task.Queue.Name, StringComparer.Ordinal))
        {
            var limits = group.Select(task => (task.Queue.ConcurrencyLimit, task.Queue.TotalConcurrencyLimit)).Distinct().ToList();
            if (limits.Count > 1)
            {
                conflicts.Add($"SchemaTasks: the queue '{group.Key}' is declared with different limits by the tasks "
                    + string.Join(", ", group.Select(task => $"'{task.Id}' ({task.Queue.ConcurrencyLimit}/{task.Queue.TotalConcurrencyLimit})"))
                    + "; a queue has one ConcurrencyLimit and TotalConcurrencyLimit.");
            }
        }

        return conflicts;
    }
}
