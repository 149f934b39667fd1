using System.ComponentModel;

namespace SchemaTasks;

/// <summary>
/// What a generated <c>Add&lt;Domain&gt;Tasker</c> calls to register its task definitions: one call per domain with
/// <c>&lt;Domain&gt;Tasks.All</c>, rather than one <see cref="SchemaTasksBuilder.AddTask"/> per task in the generated
/// code. Infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SchemaTasksBuilderGeneratedExtensions
{
    /// <summary>Calls <see cref="SchemaTasksBuilder.AddTask"/> for each of <paramref name="tasks"/>, in order.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tasks">The definitions, usually a generated <c>&lt;Domain&gt;Tasks.All</c>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static SchemaTasksBuilder AddTasks(this SchemaTasksBuilder builder, IReadOnlyList<TaskDefinition> tasks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            builder.AddTask(task);
        }

        return builder;
    }
}
