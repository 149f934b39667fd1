namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>
/// Reads a task's resolved config out of a generated <c>&lt;Domain&gt;Tasks</c> source: the queue and retry policy of a
/// definition are shared private statics (<c>queue: SharedQueue0,</c>), so the expression a task gets is the
/// initializer of the field its argument names.
/// </summary>
internal static class GeneratedTasksText
{
    /// <summary>
    /// The expression the definition <paramref name="member"/> passes as <paramref name="argument"/> (<c>queue</c> or
    /// <c>retry</c>), with a shared field replaced by its initializer; fails the test when either is missing.
    /// </summary>
    /// <param name="tasks">The generated source.</param>
    /// <param name="member">The definition's property, e.g. <c>PingAsync</c>'s <c>Ping</c>.</param>
    /// <param name="argument">The constructor argument's name.</param>
    public static string ConfigOf(string tasks, string member, string argument)
    {
        var definition = tasks.IndexOf(" " + member + " { get; }", StringComparison.Ordinal);
        Assert.True(definition >= 0, $"No definition {member} in:\n{tasks}");
        var start = tasks.IndexOf(argument + ": ", definition, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The definition {member} passes no {argument}.");
        start += argument.Length + 2;
        // The argument ends at its line's end: ",\n", or ");\n" for the last one.
        var line = tasks[start..tasks.IndexOf("\n", start, StringComparison.Ordinal)];
        var value = line.EndsWith(");", StringComparison.Ordinal) ? line[..^2] : line.TrimEnd(',');
        var field = tasks.IndexOf(" " + value + " = ", StringComparison.Ordinal);
        if (field < 0 || field > definition)
        {
            return value;
        }

        var initializer = field + value.Length + 4;
        return tasks[initializer..tasks.IndexOf(";\n", initializer, StringComparison.Ordinal)];
    }
}
