namespace SchemaTasks;

/// <summary>
/// The longest an attempt may run, as Trigger.dev's <c>maxDuration</c>: past it the attempt's
/// <see cref="CancellationToken"/> is cancelled and the run ends <see cref="TaskRunStatus.TimedOut"/>, without a
/// retry. On a config type or a task method, like <see cref="TaskMachineAttribute"/>;
/// <see cref="TriggerOptions.MaxDuration"/> overrides it for one run.
/// </summary>
/// <param name="seconds">The limit in seconds (at least 1).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskMaxDurationAttribute(int seconds) : Attribute
{
    /// <summary>The limit in seconds.</summary>
    public int Seconds { get; } = seconds;
}
