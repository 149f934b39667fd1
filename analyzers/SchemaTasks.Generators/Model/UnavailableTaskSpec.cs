using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>
/// A triggered task the generator cannot generate (its shape, id, payload or config is invalid: an STK error says
/// why), whose payload type is still known. Its tasker method is emitted anyway, throwing, so that code already
/// calling it compiles and the STK error is the only error the user sees, not a CS0246 or CS1061 before it.
/// </summary>
/// <param name="Service">The class that declares the task.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="PayloadTypeName">The fully qualified payload type (without a top-level <c>?</c>).</param>
/// <param name="PayloadIsPublic">Whether the payload type is public (else internal).</param>
internal sealed record UnavailableTaskSpec(ServiceSpec Service, string MethodName, string PayloadTypeName, bool PayloadIsPublic)
{
    /// <summary>The name of the tasker method.</summary>
    public string TaskerMethodName => TaskNaming.GetTaskerMethodName(MethodName);
}
