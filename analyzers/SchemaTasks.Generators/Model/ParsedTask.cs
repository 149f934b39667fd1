namespace SchemaTasks.Generators.Model;

/// <summary>What one <c>[SchemaTask]</c> method parses into: a task to generate, or one only to keep callable.</summary>
/// <param name="Task">The task, when it is valid.</param>
/// <param name="Unavailable">The invalid task's tasker method to keep, when the task is not valid.</param>
internal sealed record ParsedTask(TaskSpec? Task, UnavailableTaskSpec? Unavailable);
