using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0001, for the tasks of one class whose generated names collide: each task adds a definition and an id
/// constant to <c>&lt;Domain&gt;Tasks</c> and, when triggered, a method to the taskers, so <c>Sync</c> and
/// <c>SyncAsync</c> (or <c>Ping</c> and <c>PingId</c>) cannot both be generated, nor a task whose name is reserved
/// (<c>All</c>, an <c>object</c> member, the class's own name). The verdict is the generator's own
/// (<see cref="TaskNameCollisions"/>, shared source): it drops every such task, and this reports each one on its
/// method name. A method that collides only with itself carries both task attributes, which
/// <see cref="InvalidTaskMethodShapeAnalyzer"/> already reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskNameCollisionAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidTaskMethodShape);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var tasks = GeneratedTasks.Read((INamedTypeSymbol)context.Symbol, types, context.CancellationToken);
        if (tasks is null)
        {
            return;
        }

        // A method carrying both attributes is two tasks; it is reported once, for the first that collides.
        var reported = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        for (var i = 0; i < tasks.Tasks.Length; i++)
        {
            var method = tasks.Tasks[i].Method;
            if (tasks.Collisions.Collides(i) && Explain(tasks, i) is { } problem && method.Locations.Length > 0 && reported.Add(method))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidTaskMethodShape, method.Locations[0], method.Name, problem));
            }
        }
    }

    // The first of the task's names that is reserved or shared with another method; null when it only collides
    // with the same method's other attribute.
    private static string? Explain(GeneratedTasks tasks, int task)
    {
        var method = tasks.Tasks[task].Method;
        foreach (var name in tasks.Collisions.NamesOf(task))
        {
            var member = Qualified(tasks.Domain, name);
            if (tasks.Collisions.IsReserved(name))
            {
                return name.Name == TaskNaming.GetTasksClassName(tasks.Domain)
                    ? $"cannot be generated: its generated name '{member}' is the name of its generated class (rename the method)"
                    : $"cannot be generated: its generated name '{member}' is reserved (rename the method)";
            }

            foreach (var user in tasks.Collisions.UsersOf(name))
            {
                var other = tasks.Tasks[user].Method;
                if (!SymbolEqualityComparer.Default.Equals(other, method))
                {
                    return $"cannot be generated: its generated name '{member}' collides with task method '{other.Name}' (rename one of them)";
                }
            }
        }

        return null;
    }

    private static string Qualified(string domain, GeneratedName name) =>
        (name.Scope == GeneratedNameScope.TasksClass ? TaskNaming.GetTasksClassName(domain) : TaskNaming.GetTaskerInterfaceName(domain))
        + "." + name.Name;
}
