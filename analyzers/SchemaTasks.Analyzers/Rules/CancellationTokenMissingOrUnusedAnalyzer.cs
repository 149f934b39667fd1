using System;
using System.Linq;
using System.Threading;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0108: a task method takes a <see cref="CancellationToken"/> and uses it, so that a run stops when the host
/// stops or the run is cancelled. Reported on the method name when no token is taken, and on the parameter when
/// it is never referenced (a use inside a lambda or a local function counts).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenMissingOrUnusedAnalyzer : SchemaTasksAnalyzer
{
    /// <summary>The diagnostic property that says which case was found: <c>Missing</c> or <c>Unused</c>.</summary>
    public const string CaseProperty = "Case";

    /// <summary>Value of <see cref="CaseProperty"/> when the method takes no token (the case the code fix fixes).</summary>
    public const string Missing = "Missing";

    /// <summary>Value of <see cref="CaseProperty"/> when the token is taken and never referenced.</summary>
    public const string Unused = "Unused";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CancellationTokenMissingOrUnused);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.CancellationToken is not null)
        {
            context.RegisterSyntaxNodeAction(node => Analyze(node, types), SyntaxKind.MethodDeclaration);
        }
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, KnownTypes types)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0 ||
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method ||
            !TaskServices.IsTask(method, types))
        {
            return;
        }

        var token = method.Parameters.FirstOrDefault(
            parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, types.CancellationToken));
        if (token is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CancellationTokenMissingOrUnused,
                declaration.Identifier.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(CaseProperty, Missing),
                method.Name,
                "takes no CancellationToken: add one as its last parameter and pass it to what it awaits"));
            return;
        }

        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null || ParameterUses.IsReferenced(token, declaration, body, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        var parameterSyntax = declaration.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == token.Name);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CancellationTokenMissingOrUnused,
            parameterSyntax?.Identifier.GetLocation() ?? declaration.Identifier.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(CaseProperty, Unused),
            method.Name,
            $"never uses its CancellationToken '{token.Name}': pass it to what it awaits, so that the run stops when the host does"));
    }
}
