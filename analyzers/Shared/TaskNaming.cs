namespace SchemaTasks.Roslyn;

/// <summary>
/// How the generated names derive from the user's names, so that the generator, the analyzers and the code fixes
/// agree on them.
/// </summary>
internal static class TaskNaming
{
    private const string ServiceSuffix = "Service";
    private const string AsyncSuffix = "Async";

    /// <summary>
    /// The domain of a class that declares tasks: its name less a trailing <c>TaskService</c>, else less a trailing
    /// <c>Service</c>, else the whole name (a name that is only the suffix stays whole).
    /// </summary>
    public static string GetDomainName(string className)
    {
        if (TryStripSuffix(className, WellKnownNames.TaskServiceSuffix, out var domain) ||
            TryStripSuffix(className, ServiceSuffix, out domain))
        {
            return domain;
        }

        return className;
    }

    /// <summary>The name of a task's id constant and definition: the method name less a trailing <c>Async</c>.</summary>
    public static string GetMemberName(string methodName) =>
        TryStripSuffix(methodName, AsyncSuffix, out var name) ? name : methodName;

    /// <summary>The name of a task's tasker method: the method name, with <c>Async</c> appended when missing.</summary>
    public static string GetTaskerMethodName(string methodName) =>
        methodName.EndsWith(AsyncSuffix, System.StringComparison.Ordinal) ? methodName : methodName + AsyncSuffix;

    /// <summary>The name of the constant that holds a task's id: the member name and <c>Id</c>.</summary>
    public static string GetIdConstantName(string methodName) => GetMemberName(methodName) + "Id";

    private static bool TryStripSuffix(string name, string suffix, out string stripped)
    {
        if (name.Length > suffix.Length && name.EndsWith(suffix, System.StringComparison.Ordinal))
        {
            stripped = name.Substring(0, name.Length - suffix.Length);
            return true;
        }

        stripped = name;
        return false;
    }
}
