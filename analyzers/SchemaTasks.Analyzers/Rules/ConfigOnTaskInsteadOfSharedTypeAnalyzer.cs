using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
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
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class ConfigOnTaskInsteadOfSharedTypeAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ConfigOnTaskInsteadOfSharedType);

    /// <inheritdoc />
    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        new((symbol, task) => Analyze(symbol, task, types));

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, KnownTypes types)
    {
        var method = task.Method;
        List<AttributeData>? configAttributes = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (types.IsConfigAttribute(attribute.AttributeClass))
            {
                (configAttributes ??= new List<AttributeData>()).Add(attribute);
            }
        }

        // Most tasks write no config attribute: they are answered before the config type is looked for by name.
        if (configAttributes is null || TaskConfigReader.FindConfigType(method) is not null)
        {
            return;
        }

        string? displayId = null;
        foreach (var attribute in configAttributes)
        {
            if (AttributeArguments.AttributeLocation(attribute, context.CancellationToken) is not { } location)
            {
                continue;
            }

            displayId ??= task.DisplayId;
            var name = attribute.AttributeClass!.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConfigOnTaskInsteadOfSharedType,
                location,
                displayId,
                name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name));
        }
    }
}
