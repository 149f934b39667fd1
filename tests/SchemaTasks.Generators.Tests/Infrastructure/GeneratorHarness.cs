using System.Collections.Immutable;
using FluentValidation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles test sources against .NET 10 and the SchemaTasks runtime, runs the generator with step tracking, and
/// checks what every generator test must hold: the generator neither throws nor reports, the output compiles
/// without a warning (nullable on, docs checked in generated files), and an unrelated edit leaves every tracked
/// step <c>Cached</c> or <c>Unchanged</c>.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The usings every test source starts with (the tests' implicit usings).</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using FluentValidation;
        using SchemaTasks;

        """;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TaskDefinition).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(AbstractValidator<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IOptions<>).Assembly.Location),
    ];

    /// <summary>A compilation of <paramref name="sources"/>, nullable enabled, every warning level on.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation("SchemaTasks.GeneratorTestAssembly", sources, []);

    /// <summary>A compilation named <paramref name="assemblyName"/> of <paramref name="sources"/>, with <paramref name="extraReferences"/> (a referenced project).</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference> extraReferences) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithWarningLevel(9999)
                .WithAllowUnsafe(true)
                // As the SDK does: FluentValidation targets .NET 8, whose reference unifies with .NET 10's.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>A driver with step tracking on.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SchemaTaskGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator over sources that compile, and asserts the whole output compiles without a warning.
    /// </summary>
    public static GeneratorRun Run(params string[] sources) => Run(sources, sourcesCompile: true);

    /// <summary>
    /// Runs the generator over sources that may not compile (broken or invalid on purpose): the generated files
    /// alone must hold no diagnostic.
    /// </summary>
    public static GeneratorRun RunOnBrokenSource(params string[] sources) => Run(sources, sourcesCompile: false);

    /// <summary>
    /// Runs the generator over sources that compile against a referenced project (<paramref name="referenced"/>,
    /// e.g. a Contracts assembly), and asserts the whole output compiles without a warning.
    /// </summary>
    public static GeneratorRun RunWithReference(MetadataReference referenced, params string[] sources) => Run(sources, sourcesCompile: true, [referenced]);

    /// <summary>A referenced project: <paramref name="sources"/> compiled to an assembly image named <paramref name="assemblyName"/>.</summary>
    public static MetadataReference CompileReference(string assemblyName, params string[] sources)
    {
        var compilation = CreateCompilation(assemblyName, sources, []);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Select(Describe)));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static GeneratorRun Run(string[] sources, bool sourcesCompile, MetadataReference[]? extraReferences = null)
    {
        var compilation = CreateCompilation("SchemaTasks.GeneratorTestAssembly", sources, extraReferences ?? []);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Empty(driverDiagnostics);
        Assert.Empty(result.Diagnostics);

        var generatedTrees = result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => generatedTrees.Contains(d.Location.SourceTree!) ||
                        (sourcesCompile && d.Id != "CS1591")) // test sources carry no docs; generated ones must
            .ToArray();
        Assert.True(problems.Length == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems.Select(Describe)));
        AssertNullableClean(output, result.GeneratedSources);

        AssertCachedAfterUnrelatedEdits(driver, compilation, expectTrackedSteps: !result.GeneratedSources.IsEmpty);
        return new GeneratorRun((CSharpCompilation)output, result);
    }

    /// <summary>
    /// The generated files turn nullable warnings off (the user's compiler then skips its nullable analysis of their
    /// bodies): compiles them again with the warnings on and asserts they raise none, so that the code stays
    /// nullable-clean. Fails as well if a file does not set the warning context the generator promises.
    /// </summary>
    private static void AssertNullableClean(Compilation output, IEnumerable<GeneratedSourceResult> generated)
    {
        var strict = output;
        var strictTrees = new HashSet<SyntaxTree>();
        foreach (var source in generated)
        {
            var text = source.SourceText.ToString();
            if (!text.Contains("#nullable enable annotations", StringComparison.Ordinal))
            {
                continue; // a file without member bodies (the CA1812 suppressions) keeps "#nullable enable"
            }

            Assert.True(
                text.Contains("\n#nullable disable warnings\n", StringComparison.Ordinal),
                $"{source.HintName} enables nullable annotations without turning the warnings off.");
            var tree = CSharpSyntaxTree.ParseText(
                text.Replace("\n#nullable disable warnings\n", "\n#nullable enable warnings\n", StringComparison.Ordinal),
                ParseOptions,
                path: source.SyntaxTree.FilePath);
            strict = strict.ReplaceSyntaxTree(source.SyntaxTree, tree);
            strictTrees.Add(tree);
        }

        var problems = strict.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && strictTrees.Contains(d.Location.SourceTree!))
            .ToArray();
        Assert.True(problems.Length == 0, "The generated code raises nullable warnings once they are on:\n" + string.Join("\n", problems.Select(Describe)));
    }

    /// <summary>
    /// Re-runs <paramref name="driver"/> after adding an unrelated file, then after appending a comment to the
    /// first file, and asserts every tracked step of the generator is <c>Cached</c> or <c>Unchanged</c>.
    /// </summary>
    public static void AssertCachedAfterUnrelatedEdits(GeneratorDriver driver, CSharpCompilation compilation, bool expectTrackedSteps = true)
    {
        var withNewFile = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Unrelated { internal sealed class Edited { public int Value { get; set; } } }", ParseOptions, path: "Unrelated.cs"));
        driver = driver.RunGenerators(withNewFile);
        AssertAllStepsCached(driver.GetRunResult().Results.Single(), "after adding an unrelated file", expectTrackedSteps);

        var first = withNewFile.SyntaxTrees.First();
        var text = first.GetText();
        var edited = first.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n// an unrelated comment\n")));
        driver = driver.RunGenerators(withNewFile.ReplaceSyntaxTree(first, edited));
        AssertAllStepsCached(driver.GetRunResult().Results.Single(), "after appending a comment", expectTrackedSteps);
    }

    /// <summary>
    /// Asserts every output of every named step is <c>Cached</c> or <c>Unchanged</c>; when the run generated
    /// something, the steps that lead to it must have been tracked, so that the check cannot pass vacuously.
    /// </summary>
    public static void AssertAllStepsCached(GeneratorRunResult result, string when, bool expectTrackedSteps = true)
    {
        if (expectTrackedSteps)
        {
            foreach (var name in new[] { TrackingNames.AllTasks, TrackingNames.Domains, TrackingNames.DomainSources })
            {
                Assert.True(result.TrackedSteps.ContainsKey(name), $"The step {name} was not tracked {when}.");
            }
        }

        foreach (var (name, steps) in result.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' was {output.Reason} {when}: {output.Value}");
            }
        }

        foreach (var output in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs))
        {
            Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"A source output was {output.Reason} {when}.");
        }
    }

    /// <summary>A diagnostic with its file and line, for failure messages.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1}): {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
