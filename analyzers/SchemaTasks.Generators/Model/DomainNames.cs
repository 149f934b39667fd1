using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>
/// The names of the types generated for a domain, e.g. <c>Calendars</c>. The names the analyzers check collisions
/// against come from <see cref="TaskNaming"/>, so that both sides agree.
/// </summary>
internal static class DomainNames
{
    /// <summary><c>&lt;Domain&gt;Tasks</c>: ids and definitions.</summary>
    public static string Tasks(string domain) => TaskNaming.GetTasksClassName(domain);

    /// <summary><c>I&lt;Domain&gt;Tasker</c>: what applications call.</summary>
    public static string TaskerInterface(string domain) => TaskNaming.GetTaskerInterfaceName(domain);

    /// <summary><c>&lt;Domain&gt;Tasker</c>: dispatches to async or sync.</summary>
    public static string Tasker(string domain) => domain + "Tasker";

    /// <summary><c>&lt;Domain&gt;TriggerTasker</c>: the async path.</summary>
    public static string TriggerTasker(string domain) => domain + "TriggerTasker";

    /// <summary><c>&lt;Domain&gt;SyncTasker</c>: the sync path.</summary>
    public static string SyncTasker(string domain) => domain + "SyncTasker";

    /// <summary><c>&lt;Domain&gt;TaskerServiceCollectionExtensions</c>: the DI registration.</summary>
    public static string Registration(string domain) => domain + "TaskerServiceCollectionExtensions";

    /// <summary><c>Add&lt;Domain&gt;Tasker</c>: the registration method.</summary>
    public static string RegistrationMethod(string domain) => "Add" + domain + "Tasker";
}
