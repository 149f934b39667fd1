using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>A task's <c>[TaskMachine]</c>: the method's when it has one, else the config type's.</summary>
internal sealed class MachineConfig : TaskConfigAttribute
{
    private MachineConfig(ConfigAttributeSyntax attributes)
        : base(attributes)
    {
    }

    public ConfigValue<int> Machine { get; private set; }

    /// <summary>The task's config of this kind, merged from the method and its config type; null when neither sets it.</summary>
    public static MachineConfig? ForTask(IMethodSymbol method, INamedTypeSymbol? configType, CancellationToken cancellationToken) =>
        Read(ConfigAttributeSyntax.Read(method, configType, SchemaTasks.Roslyn.WellKnownNames.TaskMachineAttribute, cancellationToken));

    /// <summary>The config of these attributes; null when there is none.</summary>
    public static MachineConfig? Read(ConfigAttributeSyntax attributes)
    {
        if (attributes.Closest.Attribute is null)
        {
            return null;
        }

        return new MachineConfig(attributes)
        {
            Machine = ConfigValues.Constructor(attributes, "machine", Machines.Default),
        };
    }
}
