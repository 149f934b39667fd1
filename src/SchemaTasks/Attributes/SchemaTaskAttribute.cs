namespace SchemaTasks;

/// <summary>
/// Declares a task: the method runs when the task is triggered. The method's first parameter is the
/// payload (validated by its FluentValidation <c>AbstractValidator&lt;TPayload&gt;</c>); any further
/// parameter is a <see cref="CancellationToken"/>, a <see cref="TaskRunContext"/>, or a service
/// resolved from the run's own DI scope. The method returns <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
/// <remarks>
/// The SchemaTasks generator turns every such method of a <c>&lt;Domain&gt;TaskService</c> class into the
/// <c>I&lt;Domain&gt;Tasker</c> method that applications call.
/// </remarks>
/// <param name="id">The task id, of the form <c>domain.task-name</c> (lower case, digits, <c>.</c> and <c>-</c>).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SchemaTaskAttribute(string id) : Attribute
{
    /// <summary>The task id, unique in the application, e.g. <c>calendars.ensure-default-calendars</c>.</summary>
    public string Id { get; } = id;

    /// <summary>
    /// A type carrying the shared <see cref="TaskQueueAttribute"/>, <see cref="TaskRetryAttribute"/> and
    /// <see cref="TaskMachineAttribute"/> of the domain. Attributes on the method override it.
    /// </summary>
    public Type? Config { get; set; }

    /// <summary>A human description of the task, shown in tooling.</summary>
    public string? Description { get; set; }
}
