using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0107, for task services that share a domain: two classes (in any namespaces) with one domain name would both
/// generate <c>&lt;Domain&gt;TaskerServiceCollectionExtensions</c> in <c>Microsoft.Extensions.DependencyInjection</c>,
/// so the generator drops both domains (<see cref="DomainNameCollisions"/>, shared source). A class counts when the
/// generator emits at least one of its tasks (<see cref="GeneratedTasks"/>). Domains are collected per compilation
/// and compared at its end; every colliding class is reported on its name, naming the others in source order.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskServiceDomainCollisionAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TaskServiceDomainCollision);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var services = new ConcurrentBag<(string Domain, INamedTypeSymbol Type, Location Location)>();

        context.RegisterSymbolAction(symbol =>
        {
            var type = (INamedTypeSymbol)symbol.Symbol;
            var tasks = GeneratedTasks.Read(type, types, symbol.CancellationToken);
            if (tasks is { HasEmittedTask: true })
            {
                var location = TaskServiceNamingAnalyzer.IdentifierLocation(type, tasks.Tasks[0].Method, symbol.CancellationToken);
                services.Add((tasks.Domain, type, location));
            }
        }, SymbolKind.NamedType);

        context.RegisterCompilationEndAction(end =>
        {
            var all = services.ToArray();
            var colliding = DomainNameCollisions.Find(all.Select(service => service.Domain));
            foreach (var domain in all.Where(service => colliding.Contains(service.Domain)).GroupBy(service => service.Domain))
            {
                var ordered = domain.OrderBy(service => service.Location, SourceOrder.Instance).ToArray();
                foreach (var service in ordered)
                {
                    var others = string.Join(", ", ordered
                        .Where(other => !SymbolEqualityComparer.Default.Equals(other.Type, service.Type))
                        .Select(other => "'" + Display(other.Type) + "'"));
                    end.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.TaskServiceDomainCollision, service.Location, Display(service.Type), domain.Key, others));
                }
            }
        });
    }

    private static string Display(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
