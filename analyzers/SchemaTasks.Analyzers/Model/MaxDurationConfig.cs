using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>A task's <c>[TaskMaxDuration]</c>: the method's when it has one, else the config type's.</summary>
internal sealed class MaxDurationConfig : TaskConfigAttribute
{
    /// <summary>The shortest max duration, in seconds.</summary>
    public const int MinSeconds = 1;

    private MaxDurationConfig(ConfigAttributeSyntax attributes)
        : base(attributes)
    {
    }

    public ConfigValue<int> Seconds { get; private set; }

    /// <summary>The task's config of this kind, merged from the method and its config type; null when neither sets it.</summary>
    public static MaxDurationConfig? ForTask(IMethodSymbol method, INamedTypeSymbol? configType, CancellationToken cancellationToken) =>
        Read(ConfigAttributeSyntax.Read(method, configType, SchemaTasks.Roslyn.WellKnownNames.TaskMaxDurationAttribute, cancellationToken));

    /// <summary>The config of these attributes; null when there is none.</summary>
    public static MaxDurationConfig? Read(ConfigAttributeSyntax attributes)
    {
        if (attributes.Closest.Attribute is null)
        {
            return null;
        }

        return new MaxDurationConfig(attributes)
        {
            Seconds = ConfigValues.Constructor(attributes, "seconds", MinSeconds),
        };
    }
}
