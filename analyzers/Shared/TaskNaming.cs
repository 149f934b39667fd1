namespace SchemaTasks.Roslyn;

/// <summary>
/// How the generated names derive from the user's names, so that the generator, the analyzers and the code fixes
/// agree on them.
/// </summary>
internal static class TaskNaming
{
    private const string ServiceSuffix = "Service";
    private const string AsyncSuffix = "Async";

    // The members of <Domain>Tasks that are not tasks: the generated list, and those every class inherits from
    // object (a generated static member of that name would hide one).
    private static readonly System.Collections.Generic.HashSet<string> ReservedTasksClassMemberNames = new(System.StringComparer.Ordinal)
    {
        "All", "Equals", "ReferenceEquals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize",
    };

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

    /// <summary><c>&lt;Domain&gt;Tasks</c>: the generated class that holds a domain's ids and definitions.</summary>
    public static string GetTasksClassName(string domain) => domain + "Tasks";

    /// <summary><c>I&lt;Domain&gt;Tasker</c>: the generated interface that holds a domain's tasker methods.</summary>
    public static string GetTaskerInterfaceName(string domain) => "I" + domain + "Tasker";

    /// <summary>
    /// The names one task adds to its domain's generated types: the definition and the id constant in
    /// <c>&lt;Domain&gt;Tasks</c>, and, for a triggered task (<paramref name="hasTaskerMethod"/>), the method on the
    /// taskers. Two tasks of a class that share any of these names cannot both be generated.
    /// </summary>
    public static GeneratedName[] GetGeneratedNames(string methodName, bool hasTaskerMethod) =>
        hasTaskerMethod
            ?
            [
                new(GetMemberName(methodName), GeneratedNameScope.TasksClass),
                new(GetIdConstantName(methodName), GeneratedNameScope.TasksClass),
                new(GetTaskerMethodName(methodName), GeneratedNameScope.Taskers),
            ]
            :
            [
                new(GetMemberName(methodName), GeneratedNameScope.TasksClass),
                new(GetIdConstantName(methodName), GeneratedNameScope.TasksClass),
            ];

    /// <summary>
    /// Whether <paramref name="name"/> cannot be generated whatever the other tasks are: in
    /// <c>&lt;Domain&gt;Tasks</c>, <c>All</c> (the generated list), a member every class inherits from
    /// <c>object</c> (a static member of that name would hide it) and the class's own name (a member cannot be
    /// named as its enclosing type).
    /// </summary>
    public static bool IsReserved(GeneratedName name, string domain) =>
        name.Scope == GeneratedNameScope.TasksClass &&
        (ReservedTasksClassMemberNames.Contains(name.Name) || name.Name == GetTasksClassName(domain));

    /// <summary>
    /// The <c>&lt;Domain&gt;TaskService</c> name STK0107 and its fix propose for a class named <paramref name="className"/>
    /// (a trailing <c>TaskService</c>, <c>Service</c>, <c>Tasks</c> or <c>Task</c> gives way to <c>TaskService</c>), or
    /// null when no domain is left to build one from.
    /// </summary>
    public static string? ProposeTaskServiceName(string className)
    {
        var name = className;
        foreach (var suffix in new[] { WellKnownNames.TaskServiceSuffix, ServiceSuffix, "Tasks", "Task" })
        {
            if (TryStripSuffix(name, suffix, out var domain))
            {
                name = domain;
                break;
            }
        }

        return name.Length == 0 ? null : name + WellKnownNames.TaskServiceSuffix;
    }

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
