namespace SchemaTasks.Generators.Model;

/// <summary>Which attribute declares a task.</summary>
internal enum TaskKind
{
    /// <summary><c>[SchemaTask]</c>: triggered through the domain's tasker.</summary>
    Triggered = 0,

    /// <summary><c>[ScheduledTask]</c>: run on a cron schedule; not on the tasker.</summary>
    Scheduled = 1,
}
