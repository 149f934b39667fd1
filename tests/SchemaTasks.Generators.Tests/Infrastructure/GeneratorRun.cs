using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>One run of the generator: the compilation with the generated sources, and the driver's result.</summary>
/// <param name="Output">The input compilation plus the generated trees.</param>
/// <param name="Result">The run result of the one generator, tracked steps included.</param>
internal sealed record GeneratorRun(CSharpCompilation Output, GeneratorRunResult Result)
{
    /// <summary>The generated sources, by hint name.</summary>
    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The hint names, sorted.</summary>
    public string[] HintNames => Sources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The text of the source with <paramref name="hintName"/>; fails when there is none.</summary>
    public string Source(string hintName)
    {
        var match = Sources.Where(s => s.HintName == hintName).ToArray();
        Assert.True(match.Length == 1, $"No generated source '{hintName}'. Generated: {string.Join(", ", HintNames)}");
        return match[0].SourceText.ToString();
    }

    /// <summary>Every generated source, concatenated (for "contains" checks).</summary>
    public string AllSources => string.Join("\n", Sources.Select(s => s.SourceText.ToString()));
}
