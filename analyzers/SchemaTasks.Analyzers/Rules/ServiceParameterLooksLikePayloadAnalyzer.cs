using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0110: a run method's required service parameter (resolved with <c>GetRequiredService</c> on every run) whose
/// type looks like a payload: it has an <c>AbstractValidator&lt;T&gt;</c>, or it is a record in the payload's
/// namespace that nothing in the compilation registers. <c>SendInvoiceAsync(SendInvoicePayload, CustomerPayload,
/// CancellationToken)</c> compiles, and then every run fails to resolve <c>CustomerPayload</c>. Reported on the
/// parameter's type. Nullable (optional) services are left alone: they are passed as null, not failed.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class ServiceParameterLooksLikePayloadAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ServiceParameterLooksLikePayload);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        var registered = new Lazy<HashSet<string>>(
            () => RegisteredTypeNames(compilation, cancellationToken),
            LazyThreadSafetyMode.ExecutionAndPublication);
        return new((symbol, task) => Analyze(symbol, task, types, registered));
    }

    private static void Analyze(
        SymbolAnalysisContext context, TaskMethod task, KnownTypes types, Lazy<HashSet<string>> registered)
    {
        if (task.PayloadParameter is not { } payload)
        {
            return;
        }

        var parameters = task.Method.Parameters;
        for (var i = 1; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (TaskMethodRules.Classify(parameter, i) != TaskParameterKind.Service ||
                parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type ||
                Why(type, payload.Type, types, context.Compilation, registered, context.CancellationToken) is not { } why)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ServiceParameterLooksLikePayload,
                SourceLocations.ParameterType(parameter, context.CancellationToken),
                parameter.Name,
                task.DisplayId,
                type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                why,
                payload.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }

    private static string? Why(
        INamedTypeSymbol type,
        ITypeSymbol payload,
        KnownTypes types,
        Compilation compilation,
        Lazy<HashSet<string>> registered,
        CancellationToken cancellationToken)
    {
        if (types.AbstractValidator is not null)
        {
            var validator = types.Validators.NextTo(type, cancellationToken) is { Count: > 0 } nextTo
                ? nextTo[0]
                : types.Validators.InCompilation(type, compilation, cancellationToken) is { Count: > 0 } elsewhere ? elsewhere[0] : null;
            if (validator is not null)
            {
                return "it has a validator, '" + validator.Name + "'";
            }
        }

        return type.IsRecord &&
               SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, payload.ContainingNamespace) &&
               !registered.Value.Contains(type.Name)
            ? "a record next to the payload that nothing in this project registers"
            : null;
    }

    /// <summary>
    /// The simple names of the types a registration call mentions: a type argument, <c>typeof</c> or <c>new</c> in
    /// a call named <c>Add…</c> or <c>TryAdd…</c> (<c>AddScoped&lt;T&gt;()</c>, <c>AddSingleton(typeof(T))</c>,
    /// <c>AddScoped(_ =&gt; new T(...))</c>). Syntax only, so a same-named type keeps the rule quiet: a warning
    /// that stays quiet is better than one that is wrong.
    /// </summary>
    private static HashSet<string> RegisteredTypeNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is not InvocationExpressionSyntax invocation || !IsRegistrationCall(invocation.Expression, out var generic))
                {
                    continue;
                }

                if (generic is not null)
                {
                    foreach (var argument in generic.TypeArgumentList.Arguments)
                    {
                        AddName(names, argument);
                    }
                }

                foreach (var inner in invocation.ArgumentList.DescendantNodes())
                {
                    switch (inner)
                    {
                        case TypeOfExpressionSyntax typeOf:
                            AddName(names, typeOf.Type);
                            break;
                        case ObjectCreationExpressionSyntax creation:
                            AddName(names, creation.Type);
                            break;
                    }
                }
            }
        }

        return names;
    }

    private static bool IsRegistrationCall(ExpressionSyntax expression, out GenericNameSyntax? generic)
    {
        var name = expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        generic = name as GenericNameSyntax;
        var text = name?.Identifier.ValueText ?? "";
        return text.StartsWith("Add", StringComparison.Ordinal) || text.StartsWith("TryAdd", StringComparison.Ordinal);
    }

    private static void AddName(HashSet<string> names, TypeSyntax type)
    {
        switch (type)
        {
            case QualifiedNameSyntax qualified:
                AddName(names, qualified.Right);
                break;
            case AliasQualifiedNameSyntax alias:
                AddName(names, alias.Name);
                break;
            case NullableTypeSyntax nullable:
                AddName(names, nullable.ElementType);
                break;
            case SimpleNameSyntax simple:
                names.Add(simple.Identifier.ValueText);
                break;
        }
    }
}
