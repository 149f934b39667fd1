using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Generator;

/// <summary>
/// Guards what the generator benchmarks claim before they time anything: every copy of the domains generates the
/// same files as one copy (no copy is dropped as a collision), the output compiles without an error, and the run after
/// the unrelated edit really is the cached path (every tracked step <c>Cached</c> or <c>Unchanged</c>).
/// </summary>
internal static class GeneratorInputCheck
{
    /// <summary>Throws, with the reason, when <paramref name="input"/> would not measure what the benchmark names.</summary>
    /// <param name="input">The benchmark's input.</param>
    /// <param name="copies">How many copies of the domains it holds.</param>
    public static void Verify(GeneratorInput input, int copies)
    {
        var perCopy = GeneratedFileCount(GeneratorInput.Create(1).Compilation, out _);
        if (perCopy < ReferenceDomainCopies.DomainNames.Count)
        {
            throw new InvalidOperationException($"One copy of the domains generates {perCopy} files, fewer than its {ReferenceDomainCopies.DomainNames.Count} domains.");
        }

        var generated = GeneratedFileCount(input.Compilation, out var output);
        if (generated != perCopy * copies)
        {
            throw new InvalidOperationException($"{copies} copies generate {generated} files, not {copies} x {perCopy}: some copies collide.");
        }

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The domains and their generated code do not compile:\n" + string.Join('\n', errors.Select(e => e.ToString())));
        }

        var tracked = GeneratorInput.CreateDriver(trackSteps: true).RunGenerators(input.Compilation).RunGenerators(input.Edited);
        var result = tracked.GetRunResult().Results.Single();
        var steps = result.TrackedSteps.Where(step => IsGeneratorStep(step.Key)).SelectMany(step => step.Value)
            .Concat(result.TrackedOutputSteps.SelectMany(step => step.Value))
            .ToArray();
        var recomputed = steps.SelectMany(step => step.Outputs)
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToArray();
        if (steps.Length == 0 || recomputed.Length > 0)
        {
            throw new InvalidOperationException($"The run after the unrelated edit is not the cached path: {steps.Length} tracked steps, {recomputed.Length} outputs recomputed.");
        }
    }

    private static int GeneratedFileCount(CSharpCompilation compilation, out Compilation output)
    {
        var driver = GeneratorInput.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null || !diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"The generator failed: {result.Exception}{string.Join('\n', diagnostics)}");
        }

        return result.GeneratedSources.Length;
    }

    // The generator's own named steps (its internal TrackingNames constants), not Roslyn's internal steps of
    // ForAttributeWithMetadataName, which legitimately re-run for the edited file.
    private static bool IsGeneratorStep(string name) => GeneratorStepNames.Value.Contains(name);

    private static readonly Lazy<HashSet<string>> GeneratorStepNames = new(() =>
    {
        var names = typeof(SchemaTaskGenerator).Assembly.GetType("SchemaTasks.Generators.TrackingNames")
            ?? throw new InvalidOperationException("The generator has no TrackingNames class.");
        return names.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
    });
}
