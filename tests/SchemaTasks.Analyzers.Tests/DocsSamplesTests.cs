using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>
/// The C# samples of the guides and the package README compile as a user's project would (implicit usings, nullable,
/// the SchemaTasks generator and every SchemaTasks analyzer, Microsoft.Extensions.Hosting referenced), so a doc edit
/// that breaks a sample fails here. A document's <c>```csharp</c> blocks are the files of one project and must
/// produce no diagnostic at all; a block fenced <c>```csharp STK0104</c> shows a mistake: it is compiled on its own
/// and must produce exactly the ids its fence lists.
/// </summary>
public sealed partial class DocsSamplesTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    /// <summary>The documents whose samples are checked, relative to the repository root.</summary>
    public static TheoryData<string> Documents => ["docs/getting-started.md", "docs/concepts.md", "src/SchemaTasks/PackageReadme.md"];

    // What `dotnet new console` turns on: the SDK's implicit usings.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // A package user's references: .NET 10, and what SchemaTasks and Microsoft.Extensions.Hosting bring (the test's
    // own output folder holds exactly those).
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll").Order(StringComparer.Ordinal).Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(SchemaTaskAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(FluentValidation.AbstractValidator<>).Assembly.Location),
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_csharp_samples_of_the_document_compile_with_the_generator_and_no_diagnostic(string document)
    {
        var blocks = Blocks(document).Where(block => block.ExpectedIds.Length == 0).ToArray();
        Assert.NotEmpty(blocks);

        var diagnostics = await CompileAsync(document, blocks);

        Assert.True(diagnostics.IsEmpty, $"{document}: the samples must compile clean, but:\n{Describe(diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Each_mistake_sample_of_the_document_reports_exactly_the_diagnostics_its_fence_names(string document)
    {
        foreach (var block in Blocks(document).Where(block => block.ExpectedIds.Length > 0))
        {
            var diagnostics = await CompileAsync(document, [block]);

            Assert.True(
                block.ExpectedIds.SequenceEqual(diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)),
                $"{document} line {block.Line}: expected {string.Join(", ", block.ExpectedIds)}, got:\n{Describe(diagnostics)}");
        }
    }

    [Fact]
    public async Task A_sample_that_does_not_compile_is_caught()
    {
        // The check itself: a block with a typo yields a compiler error, so the clean-samples test would fail on it.
        var block = new Block(1, "public sealed class Broken { public Task RunAsync() => Task.CompletedTsk; }", []);

        var diagnostics = await CompileAsync("inline", [block]);

        Assert.Contains(diagnostics, d => d.Id == "CS0117");
    }

    [Fact]
    public void The_getting_started_guide_shows_a_first_diagnostic_as_a_checked_mistake_sample()
    {
        var mistakes = Blocks("docs/getting-started.md").Where(block => block.ExpectedIds.Length > 0).ToArray();

        Assert.NotEmpty(mistakes);
    }

    private static async Task<ImmutableArray<Diagnostic>> CompileAsync(string document, IReadOnlyList<Block> blocks)
    {
        var trees = blocks.Select(block => CSharpSyntaxTree.ParseText(block.Code, ParseOptions, path: $"{document}:{block.Line}.cs", cancellationToken: TestContext.Current.CancellationToken))
            .Prepend(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "GlobalUsings.g.cs", cancellationToken: TestContext.Current.CancellationToken))
            .ToArray();
        var hasTopLevelStatements = trees.Any(tree => ((CompilationUnitSyntax)tree.GetRoot(TestContext.Current.CancellationToken)).Members.OfType<GlobalStatementSyntax>().Any());
        var all = await WholeBuild.DiagnosticsAsync(trees, References, hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary);
        return [.. all.Where(d => !d.IsSuppressed && (d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("STK", StringComparison.Ordinal)))];
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    private static IReadOnlyList<Block> Blocks(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, document));
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = CSharpFence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var start = i + 1;
            var end = Array.FindIndex(lines, start, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            Assert.True(end > 0, $"{document} line {start}: the ```csharp block is never closed");
            var indent = lines[i].Length - lines[i].TrimStart().Length;
            var code = string.Join("\n", lines[start..end].Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()));
            string[] ids = [.. fence.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
            Assert.All(ids, id => Assert.True(DiagnosticId().IsMatch(id), $"{document} line {i + 1}: '{id}' after ```csharp is no diagnostic id; the fence takes only the ids a mistake sample reports"));
            blocks.Add(new Block(start, code, ids));
            i = end;
        }

        return blocks;
    }

    // Any C# fence, whatever follows the language, so that no sample escapes the check by its spelling.
    [GeneratedRegex(@"^\s*```(csharp|cs|c#)(?<info>(\s.*)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();

    [GeneratedRegex("^[A-Z]+[0-9]{4}$")]
    private static partial Regex DiagnosticId();

    private sealed record Block(int Line, string Code, string[] ExpectedIds);

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generators.sln) was not found above the test output.");
    }
}
