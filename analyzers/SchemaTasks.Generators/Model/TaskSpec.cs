using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>
/// One task method, parsed: everything the emitters need and nothing from the compilation (no symbol, syntax or
/// location), so that it compares by value across edits.
/// </summary>
/// <param name="Service">The class that declares the task.</param>
/// <param name="Kind">Triggered or scheduled.</param>
/// <param name="Id">The task id.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="IsStatic">Whether the method is static (called on the type, no service resolved).</param>
/// <param name="ReturnsValueTask">Whether the method returns <c>ValueTask</c> (adapted with <c>AsTask()</c>).</param>
/// <param name="PayloadTypeName">The fully qualified payload type (without a top-level <c>?</c>).</param>
/// <param name="PayloadIsPublic">Whether the payload type is public (else internal).</param>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="Config">The resolved queue, retry and machine.</param>
/// <param name="Schedule">The schedule of a scheduled task; null otherwise.</param>
/// <param name="Description">The description, or null.</param>
/// <param name="PayloadValidators">
/// The registrable validators of the payload (see <c>ValidatorRules</c>), sorted: those declared next to it (its
/// namespace of its assembly, read from the payload's symbol: the only way to see those of a referenced assembly)
/// and those named like a validator anywhere in the compilation; empty for a scheduled task.
/// </param>
internal sealed record TaskSpec(
    ServiceSpec Service,
    TaskKind Kind,
    string Id,
    string MethodName,
    bool IsStatic,
    bool ReturnsValueTask,
    string PayloadTypeName,
    bool PayloadIsPublic,
    EquatableArray<TaskParameterSpec> Parameters,
    TaskConfig Config,
    ScheduleSpec? Schedule,
    string? Description,
    EquatableArray<ValidatorSpec> PayloadValidators)
{
    /// <summary>The name of the task's definition in <c>&lt;Domain&gt;Tasks</c>.</summary>
    public string MemberName => TaskNaming.GetMemberName(MethodName);

    /// <summary>The name of the constant that holds the id.</summary>
    public string IdConstantName => TaskNaming.GetIdConstantName(MethodName);

    /// <summary>The name of the tasker method.</summary>
    public string TaskerMethodName => TaskNaming.GetTaskerMethodName(MethodName);
}
