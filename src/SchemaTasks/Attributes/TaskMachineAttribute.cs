namespace SchemaTasks;

/// <summary>The machine preset a task runs on, as Trigger.dev's <c>machine: "small-2x"</c>.</summary>
/// <param name="machine">The machine preset.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskMachineAttribute(Machine machine) : Attribute
{
    /// <summary>The machine preset.</summary>
    public Machine Machine { get; } = machine;
}
