using System;
using System.Linq;
using System.Threading;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0107: a class that declares tasks is named <c>&lt;Domain&gt;TaskService</c>, because the generated taskers
/// (<c>I&lt;Domain&gt;Tasker</c>, <c>&lt;Domain&gt;Tasks</c>...) take their names from that domain.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskServiceNamingAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TaskServiceNaming);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType);
    }

    /// <summary>Whether <paramref name="name"/> is <c>&lt;Domain&gt;TaskService</c> with a non-empty domain.</summary>
    public static bool IsTaskServiceName(string name) =>
        name.Length > WellKnownNames.TaskServiceSuffix.Length &&
        name.EndsWith(WellKnownNames.TaskServiceSuffix, StringComparison.Ordinal);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || IsTaskServiceName(type.Name) || type.Name.Length == 0 ||
            AttributeSyntaxGate.HasNoAttributedMethods(type))
        {
            return;
        }

        IMethodSymbol? firstTask = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && TaskServices.IsTask(method, types))
            {
                firstTask = method;
                break;
            }
        }

        if (firstTask is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.TaskServiceNaming, IdentifierLocation(type, firstTask, context.CancellationToken), type.Name, Advice(type.Name)));
    }

    // What the generator calls the types now, so that the CS1061 of a caller guessing another name makes sense,
    // and what a rename would make them.
    private static string Advice(string className)
    {
        var now = Names(TaskNaming.GetDomainName(className));
        return TaskNaming.ProposeTaskServiceName(className) is { } proposed
            ? "its generated types are " + now + "; rename it to '" + proposed + "' for " + Names(TaskNaming.GetDomainName(proposed))
            : "its generated types are " + now + "; rename it to '<Domain>TaskService'";
    }

    private static string Names(string domain) => "'" + TaskNaming.GetTaskerInterfaceName(domain) + "' and 'Add" + domain + "Tasker'";

    /// <summary>
    /// The class name token of the partial declaration that holds the first task, so that the squiggle sits
    /// next to the tasks when a class is split across files.
    /// </summary>
    internal static Location IdentifierLocation(INamedTypeSymbol type, IMethodSymbol task, CancellationToken cancellationToken)
    {
        foreach (var reference in task.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken).Parent is TypeDeclarationSyntax declaration)
            {
                return declaration.Identifier.GetLocation();
            }
        }

        return type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
    }
}
