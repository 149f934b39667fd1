using Microsoft.CodeAnalysis;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// Guards what the build benchmarks claim before they time anything: each generator really generates for every
/// declaration of its project (the SchemaTasks generator the six files of each domain, LoggerMessage one method
/// body per <c>[LoggerMessage]</c>), neither generates anything for the project with no task, and (when asked: a
/// compile of a 5,000-task project takes a minute on a busy machine) the generated code compiles with neither an
/// error nor a warning.
/// </summary>
internal static class BuildInputCheck
{
    /// <summary>Files the SchemaTasks generator writes for a domain with triggered tasks.</summary>
    public const int FilesPerTaskDomain = 6;

    /// <summary>
    /// The project with the generator's output added, after checking that <paramref name="generator"/> generated
    /// what <paramref name="kind"/> declares; throws with the reason otherwise.
    /// </summary>
    /// <param name="project">The project.</param>
    /// <param name="kind">What it declares.</param>
    /// <param name="declarations">How many declarations it holds.</param>
    /// <param name="generator">The generator run over it.</param>
    /// <param name="compile">Whether to compile the result and require no error and no warning.</param>
    public static Compilation Verify(SyntheticCompilation project, DeclarationKind kind, int declarations, IIncrementalGenerator generator, bool compile)
    {
        var driver = SyntheticCompilation.CreateDriver(generator)
            .RunGeneratorsAndUpdateCompilation(project.Compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        var name = generator.GetType().Name;
        if (result.Exception is not null || !generatorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"{name} failed on the {kind} project: {result.Exception}{string.Join('\n', generatorDiagnostics)}");
        }

        var expected = (kind, generator) switch
        {
            (DeclarationKind.Plain, _) => 0,
            (DeclarationKind.Tasks, SchemaTaskGenerator) => declarations / SyntheticProject.DeclarationsPerDomain * FilesPerTaskDomain,
            (DeclarationKind.LoggerMessages, not SchemaTaskGenerator) => 1,
            _ => throw new InvalidOperationException($"{name} is not benchmarked on the {kind} project."),
        };
        if (result.GeneratedSources.Length != expected)
        {
            throw new InvalidOperationException($"{name} generated {result.GeneratedSources.Length} files on the {kind} project of {declarations}, not {expected}.");
        }

        if (kind == DeclarationKind.LoggerMessages)
        {
            var bodies = result.GeneratedSources.Sum(source => Count(source.SourceText.ToString(), " static partial void "));
            if (bodies != declarations)
            {
                throw new InvalidOperationException($"LoggerMessage implemented {bodies} methods, not {declarations}.");
            }
        }

        if (!compile)
        {
            return output;
        }

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(5).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"The {kind} project and {name}'s output do not compile cleanly:\n" + string.Join('\n', problems.Select(d => d.ToString())));
        }

        return output;
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
