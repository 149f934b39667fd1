namespace SchemaTasks.Dashboard.Advice;

/// <summary>What the advice needs to know of a task's configuration.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Queue">Its queue and limits.</param>
/// <param name="Machine">The machine its first attempt runs on.</param>
/// <param name="OutOfMemoryMachine">The machine an out-of-memory retry moves to, if any.</param>
public sealed record AdviceTask(string Id, QueueOptions Queue, Machine Machine, Machine? OutOfMemoryMachine)
{
    /// <summary>The configuration of a registered task.</summary>
    /// <param name="task">The task.</param>
    public static AdviceTask From(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.Queue, task.Machine, task.Retry.OutOfMemoryMachine);
    }
}
