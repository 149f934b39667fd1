using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// The config each config type of a compilation gives a task that writes no config attribute of its own, resolved
/// once per config type for every task that names it (the tasks of a domain share one), as the analyzers'
/// <c>KnownTypes.ConfigTypeConfigOf</c> does for theirs. A task that writes one of its own is resolved in full
/// (<see cref="TaskConfigReader.TryResolve(IMethodSymbol, INamedTypeSymbol, out TaskConfig, ConfigTypeConfigs)"/>).
/// </summary>
/// <remarks>
/// One instance per <see cref="Compilation"/>: symbols belong to their compilation, and an edit makes a new
/// compilation, so an edited config type is read again and nothing outlives the compilation it was read from.
/// </remarks>
internal sealed class ConfigTypeConfigs
{
    private static readonly ConditionalWeakTable<Compilation, ConfigTypeConfigs> ByCompilation = new();

    // Null for a config type whose attributes cannot be read: every task naming it (and writing none) gets nothing.
    private readonly ConcurrentDictionary<INamedTypeSymbol, TaskConfig?> _byConfigType = new(SymbolEqualityComparer.Default);

    private ConfigTypeConfigs()
    {
    }

    /// <summary>The config types of <paramref name="compilation"/>, read as tasks ask.</summary>
    public static ConfigTypeConfigs For(Compilation compilation) => ByCompilation.GetValue(compilation, static _ => new ConfigTypeConfigs());

    /// <summary>
    /// The config <paramref name="configType"/> alone resolves to (its attributes, else the defaults); false when one
    /// of its written arguments cannot be read.
    /// </summary>
    public bool TryResolve(INamedTypeSymbol configType, out TaskConfig? config)
    {
        if (!_byConfigType.TryGetValue(configType, out config))
        {
            TaskConfigReader.TryResolve(MethodConfigAttributes.None, configType, out config);
            config = _byConfigType.GetOrAdd(configType, config);
        }

        return config is not null;
    }
}
