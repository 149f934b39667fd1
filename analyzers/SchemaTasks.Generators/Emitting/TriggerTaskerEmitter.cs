using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Emits <c>&lt;Domain&gt;TriggerTasker</c>: the async path, through <c>ITaskTrigger</c>.</summary>
internal static class TriggerTaskerEmitter
{
    /// <summary>The source of <c>&lt;Domain&gt;TriggerTasker</c>.</summary>
    public static string Emit(DomainSpec domain) =>
        ForwardingTaskerEmitter.Emit(
            domain,
            DomainNames.TriggerTasker(domain.Name),
            "The async tasker of " + GeneratedFile.ServiceCref(domain) + ": validates each payload, then enqueues a run on the configured backend.",
            CSharpText.Runtime + "ITaskTrigger",
            "trigger",
            "Validates payloads and enqueues runs.",
            "TriggerAsync");
}
