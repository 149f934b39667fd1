namespace SchemaTasks;

/// <summary>
/// Declares a task that runs on a cron schedule. The method's first parameter is a
/// <see cref="ScheduledRun"/>; the rest follow the rules of <see cref="SchemaTaskAttribute"/>.
/// </summary>
/// <param name="id">The task id, of the form <c>domain.task-name</c>; it is also the schedule id.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ScheduledTaskAttribute(string id) : Attribute
{
    /// <summary>The task id, unique in the application.</summary>
    public string Id { get; } = id;

    /// <summary>
    /// A 5-field cron expression: minute, hour, day of month, month, day of week (<c>L</c>, <c>W</c> and
    /// <c>#</c> supported), e.g. <c>0 0 1 * *</c> for midnight on the first of every month.
    /// </summary>
    public string Cron { get; set; } = "";

    /// <summary>The IANA time zone the cron expression is read in, e.g. <c>Europe/Paris</c>. Defaults to <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The shared config type, as <see cref="SchemaTaskAttribute.Config"/>.</summary>
    public Type? Config { get; set; }

    /// <summary>A human description of the task.</summary>
    public string? Description { get; set; }

    /// <summary>When true, an occurrence is skipped while the previous run of this schedule is still active.</summary>
    public bool SkipIfActive { get; set; }
}
