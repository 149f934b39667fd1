namespace SchemaTasks.Execution;

/// <summary>
/// What the executor needs of a run once its attempt has started, taken from the run as read before the start (the
/// start is a compare-and-set on that status and attempt count, so nothing else changed in between): no
/// <see cref="TaskRunInfo"/> copy of the started run is built for it.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt's number (the run's attempts, this one included).</param>
/// <param name="Machine">The attempt's machine.</param>
/// <param name="Tags">The run's tags.</param>
/// <param name="AttemptStartedAt">When the attempt started (the start transition's time).</param>
/// <param name="MaxDuration">The run's max duration, if any.</param>
internal readonly record struct StartedAttempt(
    string RunId, string TaskId, int Attempt, Machine Machine, IReadOnlyList<string> Tags, DateTimeOffset AttemptStartedAt, TimeSpan? MaxDuration);
