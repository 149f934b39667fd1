using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0109 (info): a <c>[TaskQueue]</c>, <c>[TaskRetry]</c> or <c>[TaskMachine]</c> written on a task method that
/// has no shared config type (<c>Config = typeof(...)</c>): the config lives on the task instead of the domain's shared
/// type. Reported once per such attribute, on the attribute. An attribute on a task that does name a config type is
/// an override of that shared config (SPEC section 2's way to put one task on a bigger machine) and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigOnTaskInsteadOfSharedTypeAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ConfigOnTaskInsteadOfSharedType);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!TaskServices.IsTask(method, types))
        {
            return;
        }

        if (TaskConfigReader.FindConfigType(method) is not null)
        {
            return;
        }

        string? displayId = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (!types.IsConfigAttribute(attribute.AttributeClass) ||
                AttributeArguments.AttributeLocation(attribute, context.CancellationToken) is not { } location)
            {
                continue;
            }

            displayId ??= TaskMethodReader.TryRead(method, types, context.CancellationToken)?.DisplayId ?? method.Name;
            var name = attribute.AttributeClass!.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConfigOnTaskInsteadOfSharedType,
                location,
                displayId,
                name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name));
        }
    }
}
