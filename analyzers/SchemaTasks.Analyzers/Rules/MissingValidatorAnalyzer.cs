using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0104: a <c>[SchemaTask]</c>'s payload has no <c>AbstractValidator&lt;TPayload&gt;</c>, so triggers and runs are
/// unvalidated. Reported on the payload parameter's type. Scheduled tasks (whose payload is a
/// <c>ScheduledRun</c>) are not checked.
/// </summary>
/// <remarks>
/// Only validators declared in the compilation count: that is where the generator finds the validators it
/// registers (a non-abstract, non-generic class deriving <c>AbstractValidator&lt;P&gt;</c>), and scanning every
/// referenced assembly at each edit would cost more than the rule is worth. Nothing is reported when
/// FluentValidation is not referenced.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingValidatorAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingValidator);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.AbstractValidator is not { } abstractValidator)
        {
            return;
        }

        var compilation = context.Compilation;
        var validated = new Lazy<ImmutableHashSet<ITypeSymbol>>(
            () => FindValidatedTypes(compilation, abstractValidator, context.CancellationToken),
            LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSymbolAction(symbol => Analyze(symbol, types, validated), SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types, Lazy<ImmutableHashSet<ITypeSymbol>> validated)
    {
        if (TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken) is not { Kind: TaskKind.Schema } task ||
            task.PayloadParameter is not { } payload ||
            payload.Type is not INamedTypeSymbol { TypeKind: not TypeKind.Error } payloadType ||
            SymbolEqualityComparer.Default.Equals(payloadType, types.ScheduledRun) ||
            validated.Value.Contains(payloadType))
        {
            return;
        }

        var location = payload.DeclaringSyntaxReferences.Length > 0 &&
                       payload.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is ParameterSyntax { Type: { } typeSyntax }
            ? typeSyntax.GetLocation()
            : payload.Locations.Length > 0 ? payload.Locations[0] : task.NameLocation;

        var payloadName = payloadType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingValidator, location, payloadName, task.DisplayId));
    }

    /// <summary>The payload types validated by a validator the generator would register.</summary>
    private static ImmutableHashSet<ITypeSymbol> FindValidatedTypes(
        Compilation compilation, INamedTypeSymbol abstractValidator, CancellationToken cancellationToken)
    {
        var validated = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            foreach (var member in current.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                }

                if (member is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } type)
                {
                    for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                    {
                        if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, abstractValidator))
                        {
                            validated.Add(baseType.TypeArguments[0]);
                            break;
                        }
                    }
                }
            }
        }

        return validated.ToImmutable();
    }
}
