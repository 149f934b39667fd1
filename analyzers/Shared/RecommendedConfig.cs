namespace SchemaTasks.Roslyn;

/// <summary>
/// The config the pattern recommends where a task has none, written out as attributes: what STK0101 and STK0102
/// tell the user to add and what their code fixes add, from one place so that the message and the fix agree.
/// </summary>
internal static class RecommendedConfig
{
    /// <summary>The retry values of the pattern's shared configs (the attribute's arguments, without the machine).</summary>
    public const string RetryArguments = "MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true";

    /// <summary>A starting concurrency limit, to be sized from production load.</summary>
    public const int ConcurrencyLimit = 10;

    /// <summary>
    /// <c>TaskRetry(...)</c> with the recommended values and, when given, the machine an out-of-memory retry moves to
    /// (a <c>Machine</c> member name).
    /// </summary>
    public static string RetryAttribute(string? outOfMemoryMachine) => "TaskRetry" + RetryArgumentList(outOfMemoryMachine);

    /// <summary>The argument list of <see cref="RetryAttribute"/>, parentheses included.</summary>
    public static string RetryArgumentList(string? outOfMemoryMachine) =>
        "(" + RetryArguments + (outOfMemoryMachine is null ? "" : ", OutOfMemoryMachine = Machine." + outOfMemoryMachine) + ")";

    /// <summary><c>TaskQueue("queue", ConcurrencyLimit = 10)</c>.</summary>
    public static string QueueAttribute(string queueName) =>
        "TaskQueue(\"" + queueName + "\", ConcurrencyLimit = " + ConcurrencyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    /// <summary>The name a new shared config type of a task service's domain gets: <c>&lt;Domain&gt;TaskConfig</c>.</summary>
    public static string ConfigTypeName(string serviceName) => TaskNaming.GetDomainName(serviceName) + "TaskConfig";
}
