using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Parsing;

/// <summary>
/// The validators the registration names for a payload (the shared <see cref="ValidatorRules"/>): those next to it,
/// whatever their base class's name, and those anywhere in the compilation whose base class's name contains
/// <c>Validator</c>; registrable ones only. One index per compilation, asked by <see cref="TaskParser"/> for each
/// task's payload.
/// </summary>
/// <remarks>
/// Built lazily from the first task parsed, so that a compilation with no task binds no validator at all (a
/// <c>CreateSyntaxProvider</c> transform would bind every candidate class on every compilation change, task or
/// not). Each namespace is read once per compilation however many payloads it holds, and each validator's name is
/// displayed once. Every task parser of a compilation shares it, hence the lock.
/// </remarks>
internal sealed class ValidatorIndex
{
    private static readonly ConditionalWeakTable<Compilation, ValidatorIndex> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly object _gate = new();
    private readonly Dictionary<INamespaceSymbol, List<(INamedTypeSymbol Validator, ITypeSymbol Payload)>> _byNamespace =
        new(SymbolEqualityComparer.Default);

    private readonly Dictionary<INamedTypeSymbol, ValidatorSpec?> _specs = new(SymbolEqualityComparer.Default);
    private Dictionary<string, List<ValidatorSpec>>? _candidatesByPayload;

    private ValidatorIndex(Compilation compilation) => _compilation = compilation;

    /// <summary>The index of <paramref name="compilation"/>, created on first use.</summary>
    public static ValidatorIndex For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new ValidatorIndex(c));

    /// <summary>Whether a task of <paramref name="compilation"/> asked for its validators (for tests: no task, no index).</summary>
    public static bool Exists(Compilation compilation) => ByCompilation.TryGetValue(compilation, out _);

    /// <summary>
    /// The registrable validators of <paramref name="payload"/>, whose fully qualified name is
    /// <paramref name="payloadTypeName"/>: next to it (matched by symbol) and named like a validator anywhere in the
    /// compilation (matched by that name), sorted, each once.
    /// </summary>
    public EquatableArray<ValidatorSpec> Of(ITypeSymbol payload, string payloadTypeName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = new SortedSet<ValidatorSpec>();
            if (ValidatorRules.HomeOf(payload) is { } home)
            {
                foreach (var (validator, validated) in InNamespace(home, cancellationToken))
                {
                    if (SymbolEqualityComparer.Default.Equals(validated, payload) && SpecOf(validator, validated) is { } spec)
                    {
                        found.Add(spec with { PayloadTypeName = payloadTypeName });
                    }
                }
            }

            if (CandidatesByPayload(cancellationToken).TryGetValue(payloadTypeName, out var named))
            {
                found.UnionWith(named);
            }

            return EquatableArray.From(found);
        }
    }

    private List<(INamedTypeSymbol Validator, ITypeSymbol Payload)> InNamespace(INamespaceSymbol home, CancellationToken cancellationToken)
    {
        if (!_byNamespace.TryGetValue(home, out var validators))
        {
            validators = ValidatorRules.ValidatorsIn(home, cancellationToken);
            _byNamespace.Add(home, validators);
        }

        return validators;
    }

    // The validators named like one anywhere in the compilation, by their payload's fully qualified name: a walk of
    // the type declarations of every tree (syntax only), then one bind per candidate class.
    private Dictionary<string, List<ValidatorSpec>> CandidatesByPayload(CancellationToken cancellationToken)
    {
        if (_candidatesByPayload is { } built)
        {
            return built;
        }

        var byPayload = new Dictionary<string, List<ValidatorSpec>>(StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var declaration in ValidatorRules.CandidatesIn(tree.GetRoot(cancellationToken)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model ??= _compilation.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } type ||
                    ValidatorRules.ValidatedPayload(type, cancellationToken) is not { } payload ||
                    SpecOf(type, payload) is not { } spec)
                {
                    continue;
                }

                if (!byPayload.TryGetValue(spec.PayloadTypeName, out var validators))
                {
                    validators = [];
                    byPayload.Add(spec.PayloadTypeName, validators);
                }

                validators.Add(spec);
            }
        }

        // Assigned only once complete: a cancelled build leaves nothing half-made for the next task to read.
        _candidatesByPayload = byPayload;
        return byPayload;
    }

    // A validator's names, displayed once per compilation; null when generated code cannot name it.
    private ValidatorSpec? SpecOf(INamedTypeSymbol validator, ITypeSymbol payload)
    {
        if (!_specs.TryGetValue(validator, out var spec))
        {
            spec = ValidatorRules.IsRegistrable(validator, _compilation.Assembly)
                ? new ValidatorSpec(TypeNames.FullyQualified(validator), TypeNames.FullyQualified(payload), TypeAccessRules.Of(validator) == TypeAccess.Public)
                : null;
            _specs.Add(validator, spec);
        }

        return spec;
    }
}
