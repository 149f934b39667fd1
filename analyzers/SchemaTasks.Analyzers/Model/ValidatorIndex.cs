using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// The validators of one compilation, by the payload they validate, read once and shared by the rules that ask
/// (STK0104, STK0110): next to a payload (<see cref="ValidatorRules.NextTo"/>'s rule, one walk per namespace
/// instead of one per task) and anywhere in the compilation (one walk of its types).
/// </summary>
/// <remarks>
/// A domain holds its tasks' payloads and validators in one namespace, so walking that namespace per task walked it
/// once for each of its tasks; the walk per namespace keeps <see cref="ValidatorRules.NextTo"/>'s order for each
/// payload, so a rule that names the first validator found names the same one. The per-namespace table is built
/// outside any lock (two threads may both build one; either result is the same), so that a cancelled read caches
/// nothing.
/// </remarks>
internal sealed class ValidatorIndex
{
    private static readonly List<INamedTypeSymbol> None = new();

    private readonly ConcurrentDictionary<INamespaceSymbol, Dictionary<ITypeSymbol, List<INamedTypeSymbol>>> _byNamespace =
        new(SymbolEqualityComparer.Default);

    private Lazy<Dictionary<ITypeSymbol, List<INamedTypeSymbol>>>? _inCompilation;

    /// <summary>
    /// The validators of <paramref name="payload"/> declared next to it, registrable or not, in the order of
    /// <see cref="ValidatorRules.NextTo"/>. Do not modify the list.
    /// </summary>
    public IReadOnlyList<INamedTypeSymbol> NextTo(ITypeSymbol payload, CancellationToken cancellationToken)
    {
        if (ValidatorRules.HomeOf(payload) is not { } home)
        {
            return None;
        }

        if (!_byNamespace.TryGetValue(home, out var validators))
        {
            validators = _byNamespace.GetOrAdd(home, ReadNamespace(home, cancellationToken));
        }

        return validators.TryGetValue(payload, out var found) ? found : None;
    }

    /// <summary>
    /// The validators of <paramref name="payload"/> declared anywhere in <paramref name="compilation"/> (this
    /// one), whatever their name or access. Empty when none. Do not modify the list.
    /// </summary>
    public IReadOnlyList<INamedTypeSymbol> InCompilation(ITypeSymbol payload, Compilation compilation, CancellationToken cancellationToken)
    {
        var all = LazyInitializer.EnsureInitialized(
            ref _inCompilation,
            () => new Lazy<Dictionary<ITypeSymbol, List<INamedTypeSymbol>>>(
                () => ReadCompilation(compilation, cancellationToken),
                LazyThreadSafetyMode.ExecutionAndPublication))!.Value;
        return all.TryGetValue(payload, out var found) ? found : None;
    }

    // ValidatorRules.NextTo's walk, for every payload of the namespace at once: the same types in the same order.
    private static Dictionary<ITypeSymbol, List<INamedTypeSymbol>> ReadNamespace(INamespaceSymbol home, CancellationToken cancellationToken)
    {
        var validators = new Dictionary<ITypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        foreach (var (validator, payload) in ValidatorRules.ValidatorsIn(home, cancellationToken))
        {
            Add(validators, payload, validator);
        }

        return validators;
    }

    private static Dictionary<ITypeSymbol, List<INamedTypeSymbol>> ReadCompilation(Compilation compilation, CancellationToken cancellationToken)
    {
        var validators = new Dictionary<ITypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                }

                if (member is INamedTypeSymbol type && ValidatorRules.ValidatedPayload(type, cancellationToken) is { } payload)
                {
                    Add(validators, payload, type);
                }
            }
        }

        return validators;
    }

    private static void Add(Dictionary<ITypeSymbol, List<INamedTypeSymbol>> validators, ITypeSymbol payload, INamedTypeSymbol validator)
    {
        if (!validators.TryGetValue(payload, out var list))
        {
            validators[payload] = list = new List<INamedTypeSymbol>();
        }

        list.Add(validator);
    }
}
