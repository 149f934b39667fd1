using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Emits <c>&lt;Domain&gt;TriggerTasker</c>: the async path, through <c>ITaskTrigger</c>.</summary>
internal static class TriggerTaskerEmitter
{
    /// <summary>The name of its <c>ITaskTrigger</c> parameter; its field is this with a leading <c>_</c>.</summary>
    public const string DependencyName = "trigger";

    /// <summary>The source of <c>&lt;Domain&gt;TriggerTasker</c>.</summary>
    public static string Emit(DomainSpec domain) =>
        ForwardingTaskerEmitter.Emit(
            domain,
            DomainNames.TriggerTasker(domain.Name),
            "The async tasker of " + GeneratedFile.ServiceCref(domain) + ": validates each payload, then enqueues a run on the configured backend.",
            CSharpText.Runtime + "ITaskTrigger",
            DependencyName,
            "Validates payloads and enqueues runs.",
            "TriggerAsync");
}
