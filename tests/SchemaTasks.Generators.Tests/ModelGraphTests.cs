using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators.Model;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The model the pipeline caches must hold plain values only: a symbol, syntax node, location, semantic model or
/// compilation inside it would pin the whole compilation in memory and defeat caching.
/// </summary>
public sealed class ModelGraphTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel),
        typeof(Compilation), typeof(AttributeData), typeof(SyntaxToken), typeof(TypedConstant),
    ];

    [Fact]
    public void Tracked_step_outputs_of_the_reference_domains_hold_no_symbol_syntax_or_compilation()
    {
        var run = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain, ReferenceDomains.BillingDomain));
        var walker = new Walker();

        foreach (var (name, steps) in run.Result.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                walker.Walk(output.Value, name);
            }
        }

        Assert.Contains(typeof(TaskSpec), walker.Seen);
        Assert.Contains(typeof(DomainSpec), walker.Seen);
        Assert.Contains(typeof(ValidatorSpec), walker.Seen);
        Assert.Contains(typeof(SchemaTasks.Roslyn.RetryConfig), walker.Seen);
    }

    [Fact]
    public void The_walk_fails_on_a_symbol_hidden_in_a_model()
    {
        var compilation = GeneratorHarness.CreateCompilation("class C { }");
        var leaky = new { Inner = new List<object> { "fine", compilation.GetTypeByMetadataName("C")! } };

        var failure = Assert.ThrowsAny<Exception>(() => new Walker().Walk(leaky, "test"));
        Assert.Contains("ISymbol", failure.Message, StringComparison.Ordinal);
    }

    private sealed class Walker
    {
        private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);

        public HashSet<Type> Seen { get; } = [];

        public void Walk(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
            {
                return;
            }

            var type = value.GetType();
            foreach (var forbidden in Forbidden)
            {
                Assert.False(forbidden.IsAssignableFrom(type), $"{path} holds a {forbidden.Name}: {type.FullName}");
            }

            if (!type.IsValueType && !_visited.Add(value))
            {
                return;
            }

            Seen.Add(type);
            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{i++}]");
                }

                return;
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}");
                }
            }
        }
    }
}
