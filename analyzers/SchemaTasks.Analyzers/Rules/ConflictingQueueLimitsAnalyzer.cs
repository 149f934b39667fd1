using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0009: every <c>[TaskQueue]</c> with one name declares the same limits (<c>ConcurrencyLimit</c> and
/// <c>TotalConcurrencyLimit</c>, unset ones at their defaults), because the limits belong to the queue and every
/// task on it shares them. Declarations are collected per compilation, on config types and methods alike; the
/// first in source order sets the limits and every declaration that differs is reported at its end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConflictingQueueLimitsAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConflictingQueueLimits);

    // Not only about tasks: queues are compared wherever they are declared, with or without a task.
    private protected override bool AppliesTo(KnownTypes types) => types.MayDeclareQueue;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var queues = new ConcurrentDictionary<string, ConcurrentBag<QueueConfig>>(System.StringComparer.Ordinal);

        context.RegisterSymbolAction(symbol =>
        {
            if (AttributeSyntaxGate.HasNoAttributes(symbol.Symbol))
            {
                return;
            }

            foreach (var attribute in symbol.Symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskQueueAttribute))
                {
                    continue;
                }

                var queue = QueueConfig.Read(ConfigAttributeSyntax.Declared(attribute, symbol.Symbol, symbol.CancellationToken))!;
                if (queue.Name.Value is { } name && queue.Location is not null)
                {
                    queues.GetOrAdd(name, _ => []).Add(queue);
                }
            }
        }, SymbolKind.NamedType, SymbolKind.Method);

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var pair in queues)
            {
                if (pair.Value.Count < 2)
                {
                    continue;
                }

                var ordered = pair.Value.OrderBy(q => q.Location, SourceOrder.Instance).ToArray();
                var first = ordered[0];
                foreach (var other in ordered.Skip(1))
                {
                    if (other.ConcurrencyLimit.Value == first.ConcurrencyLimit.Value &&
                        other.TotalConcurrencyLimit.Value == first.TotalConcurrencyLimit.Value)
                    {
                        continue;
                    }

                    end.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ConflictingQueueLimits, WhereItDiffers(other, first), pair.Key, Describe(other), Describe(first)));
                }
            }
        });
    }

    // The argument that differs, when written; else the queue's name.
    private static Location WhereItDiffers(QueueConfig queue, QueueConfig first)
    {
        if (queue.ConcurrencyLimit.Value != first.ConcurrencyLimit.Value && queue.ConcurrencyLimit.Location is { } limit)
        {
            return limit;
        }

        if (queue.TotalConcurrencyLimit.Value != first.TotalConcurrencyLimit.Value && queue.TotalConcurrencyLimit.Location is { } total)
        {
            return total;
        }

        return queue.Name.Location ?? queue.Location!;
    }

    private static string Describe(QueueConfig queue)
    {
        var text = "ConcurrencyLimit = " + queue.ConcurrencyLimit.Value.ToString(CultureInfo.InvariantCulture);
        return queue.TotalConcurrencyLimit.Value == 0
            ? text
            : text + ", TotalConcurrencyLimit = " + queue.TotalConcurrencyLimit.Value.ToString(CultureInfo.InvariantCulture);
    }
}
