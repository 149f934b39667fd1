namespace SchemaTasks.Roslyn;

/// <summary>Metadata names of the runtime types the generator and the analyzers look for.</summary>
internal static class WellKnownNames
{
    public const string SchemaTaskAttribute = "SchemaTasks.SchemaTaskAttribute";
    public const string ScheduledTaskAttribute = "SchemaTasks.ScheduledTaskAttribute";
    public const string TaskQueueAttribute = "SchemaTasks.TaskQueueAttribute";
    public const string TaskRetryAttribute = "SchemaTasks.TaskRetryAttribute";
    public const string TaskMachineAttribute = "SchemaTasks.TaskMachineAttribute";
    public const string TaskMaxDurationAttribute = "SchemaTasks.TaskMaxDurationAttribute";
    public const string HeavyDependencyAttribute = "SchemaTasks.HeavyDependencyAttribute";
    public const string ScheduledRun = "SchemaTasks.ScheduledRun";
    public const string TaskRunContext = "SchemaTasks.TaskRunContext";
    public const string Machine = "SchemaTasks.Machine";
    public const string AbstractValidator = "FluentValidation.AbstractValidator`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";

    /// <summary>The suffix a class that declares tasks carries: <c>&lt;Domain&gt;TaskService</c>.</summary>
    public const string TaskServiceSuffix = "TaskService";
}
