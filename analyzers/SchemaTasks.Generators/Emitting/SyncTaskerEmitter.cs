using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Emits <c>&lt;Domain&gt;SyncTasker</c>: the sync fallback, through <c>ISyncTaskRunner</c>.</summary>
internal static class SyncTaskerEmitter
{
    /// <summary>The name of its <c>ISyncTaskRunner</c> parameter; its field is this with a leading <c>_</c>.</summary>
    public const string DependencyName = "runner";

    /// <summary>The source of <c>&lt;Domain&gt;SyncTasker</c>.</summary>
    public static string Emit(DomainSpec domain) =>
        ForwardingTaskerEmitter.Emit(
            domain,
            DomainNames.SyncTasker(domain.Name),
            "The sync tasker of " + GeneratedFile.ServiceCref(domain) + ": validates each payload, then runs the task inline in a new DI scope.",
            CSharpText.Runtime + "ISyncTaskRunner",
            DependencyName,
            "Validates payloads and runs tasks inline.",
            "RunAsync");
}
