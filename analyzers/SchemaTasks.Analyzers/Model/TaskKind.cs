namespace SchemaTasks.Analyzers.Model;

/// <summary>Which attribute declares a task.</summary>
internal enum TaskKind
{
    /// <summary><c>[SchemaTask]</c>: triggered with a payload.</summary>
    Schema,

    /// <summary><c>[ScheduledTask]</c>: run by a cron schedule with a <c>ScheduledRun</c>.</summary>
    Scheduled,
}
