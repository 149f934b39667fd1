using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SchemaTasks.Analyzers.Tests.Verifiers;
using SchemaTasks.CodeFixes;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>
/// Every code fix, offered on every diagnostic it fixes in damaged versions of the reference domains (plus versions
/// with the pattern's config removed, so the warnings have something to say), computes its change without throwing.
/// </summary>
public sealed class DamagedCodeFixesTests
{
    private const int VersionsPerDomain = 30;
    private const int Seed = 4_242;

    private static readonly ImmutableArray<CodeFixProvider> Fixers =
    [
        .. typeof(RethrowCodeFixProvider).Assembly.GetTypes()
            .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!),
    ];

    /// <summary>
    /// Strips what the pattern wants from a domain (config attributes, validators' base types, rethrows, tokens), so
    /// that the damaged versions raise the warnings whose fixes are under test.
    /// </summary>
    private static readonly (string Find, string Replace)[] PatternRemovals =
    [
        ("[TaskRetry(", "[Obsolete("),
        ("[TaskQueue(", "[Obsolete("),
        ("OutOfMemoryMachine = Machine.Medium1x", "MaxAttempts = 3"),
        (": AbstractValidator<", ": List<"),
        ("throw;", "return;"),
        (", CancellationToken cancellationToken)", ")"),
        ("TaskService", "Service"),
        ("OutOfMemoryMachine = Machine.Medium1x", "OutOfMemoryMachine = Machine.Micro"),
    ];

    [Fact]
    public async Task Every_code_fix_computes_its_change_on_damaged_code_without_throwing()
    {
        var files = ReferenceDomainSources.All;
        var versions = new List<string[]>();
        var random = new Random(Seed);
        for (var fileIndex = 1; fileIndex < files.Count; fileIndex++)
        {
            for (var i = 0; i < VersionsPerDomain; i++)
            {
                var text = files[fileIndex].Source;
                foreach (var (find, replace) in PatternRemovals.Where(_ => random.Next(2) == 0))
                {
                    text = text.Replace(find, replace, StringComparison.Ordinal);
                }

                var sources = files.Select(f => f.Source).ToArray();
                sources[fileIndex] = i % 4 == 0 ? text : SourceDamage.Damage(text, random).Text;
                versions.Add(sources);
            }
        }

        var failures = new ConcurrentBag<string>();
        var fixesComputed = 0;
        await Parallel.ForEachAsync(
            versions.Select((sources, index) => (sources, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = TestContext.Current.CancellationToken },
            async (version, cancellationToken) =>
            {
                var computed = await FixAllDiagnosticsAsync(version.sources, failure => failures.Add($"version {version.index}: {failure}"), cancellationToken);
                Interlocked.Add(ref fixesComputed, computed);
            });

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(fixesComputed > 100, $"only {fixesComputed} fixes were computed: the versions should raise fixable diagnostics");
    }

    private static async Task<int> FixAllDiagnosticsAsync(string[] sources, Action<string> fail, CancellationToken cancellationToken)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "Damaged", "Damaged", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestCompilationSetup.References));
        for (var i = 0; i < sources.Length; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"File{i}.cs", SourceText.From(sources[i]), filePath: $"/src/File{i}.cs");
        }

        var compilation = (await solution.GetProject(projectId)!.GetCompilationAsync(cancellationToken))!;
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzersTest.Analyzers).GetAnalyzerDiagnosticsAsync(cancellationToken);
        var computed = 0;
        foreach (var diagnostic in diagnostics)
        {
            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var document = solution.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                try
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
                    foreach (var action in actions)
                    {
                        foreach (var operation in (await action.GetOperationsAsync(cancellationToken)).OfType<ApplyChangesOperation>())
                        {
                            foreach (var changed in operation.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                            {
                                await operation.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken);
                            }

                            computed++;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    fail($"{fixer.GetType().Name} on {diagnostic}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }

        return computed;
    }
}
