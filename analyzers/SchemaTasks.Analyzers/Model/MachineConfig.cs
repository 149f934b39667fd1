using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>A <c>[TaskMachine(Machine.X)]</c> as written.</summary>
internal sealed class MachineConfig : TaskConfigAttribute
{
    private MachineConfig(AttributeData attribute, ConfigOrigin origin, ISymbol owner, Location? location)
        : base(attribute, origin, owner, location)
    {
    }

    /// <summary>The machine as its <c>Machine</c> enum value.</summary>
    public ConfigValue<int> Machine { get; private set; }

    /// <summary>Reads a <c>[TaskMachine]</c> attribute.</summary>
    public static MachineConfig Read(AttributeData attribute, ConfigOrigin origin, ISymbol owner, CancellationToken cancellationToken)
    {
        var syntax = AttributeArguments.Syntax(attribute, cancellationToken);
        var value = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int machine
            ? machine
            : Machines.Default;
        return new MachineConfig(attribute, origin, owner, syntax?.GetLocation())
        {
            Machine = new ConfigValue<int>(value, true, AttributeArguments.Constructor(syntax, 0, "machine")),
        };
    }
}
