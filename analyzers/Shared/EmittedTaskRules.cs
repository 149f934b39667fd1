using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// Whether the generator emits a task for a method: a valid method shape, a serializable payload (for a
/// <c>[SchemaTask]</c>), a readable task attribute with a valid id, and a resolvable config. Shared so that the
/// analyzers that reason about generated names see exactly the tasks the generator emits.
/// </summary>
internal static class EmittedTaskRules
{
    /// <summary>
    /// Reads the task that <paramref name="method"/> declares with <paramref name="attribute"/>, or returns false
    /// when the generator emits nothing for it (another rule or the compiler says why). With
    /// <paramref name="configTypeConfigs"/>, the config of a task that writes no config attribute of its own is its
    /// config type's, resolved once per compilation.
    /// </summary>
    public static bool TryRead(
        IMethodSymbol method,
        AttributeData attribute,
        bool isScheduled,
        out TaskAttributeValues? values,
        out TaskConfig? config,
        ConfigTypeConfigs? configTypeConfigs = null)
    {
        values = null;
        config = null;
        return TaskMethodRules.GetProblem(method, isScheduled) == TaskMethodProblem.None
            && (isScheduled || PayloadRules.GetProblem(method.Parameters[0].Type) == PayloadProblem.None)
            && TaskConfigReader.TryReadTaskAttribute(attribute, out values) && values is not null
            && TaskIdRules.IsValid(values.Id)
            && TaskConfigReader.TryResolve(method, values.ConfigType, out config, configTypeConfigs) && config is not null;
    }
}
