namespace SchemaTasks;

/// <summary>
/// The attempt being run. A task method may take it as a parameter (the generator passes it) to learn its
/// run id, attempt number or machine.
/// </summary>
/// <param name="RunId">The run id.</param>
/// <param name="TaskId">The task id.</param>
/// <param name="Attempt">The attempt number, 1 for the first.</param>
/// <param name="Machine">The machine this attempt runs on.</param>
/// <param name="Tags">The run's tags.</param>
public sealed record TaskRunContext(string RunId, string TaskId, int Attempt, Machine Machine, IReadOnlyList<string> Tags);
