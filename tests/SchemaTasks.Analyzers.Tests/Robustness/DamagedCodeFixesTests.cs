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
/// with the pattern's config removed, so the warnings have something to say), computes its change without throwing;
/// and every code fix is exercised at least once. Half of the versions declare a heavy type through a
/// <c>.globalconfig</c>, so STK0105 reads its option there; no analyzer may throw (AD0001) on any version.
/// </summary>
public sealed class DamagedCodeFixesTests
{
    private const int VersionsPerDomainFile = 10;

    /// <summary>
    /// Declares the task services' logger heavy in half of the versions: the domains take no heavy dependency
    /// eagerly, and STK0105's fix needs one to move.
    /// </summary>
    private const string LoggerIsHeavy = "is_global = true\nschematasks.heavy_dependencies = Microsoft.Extensions.Logging.ILogger\n";
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
        for (var fileIndex = 0; fileIndex < files.Count; fileIndex++)
        {
            if (ReferenceDomainSources.DomainOf(files[fileIndex].Name) is null)
            {
                continue; // the implicit usings hold nothing a rule speaks of
            }

            for (var i = 0; i < VersionsPerDomainFile; i++)
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
        var fixesByFixer = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var heavyFromGlobalConfig = 0;
        await Parallel.ForEachAsync(
            versions.Select((sources, index) => (sources, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = TestContext.Current.CancellationToken },
            async (version, cancellationToken) =>
            {
                await FixAllDiagnosticsAsync(
                    version.sources,
                    loggerIsHeavy: version.index % 2 == 1,
                    fixer => fixesByFixer.AddOrUpdate(fixer, 1, (_, count) => count + 1),
                    failure => failures.Add($"version {version.index}: {failure}"),
                    () => Interlocked.Increment(ref heavyFromGlobalConfig),
                    cancellationToken);
            });

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{versions.Count} versions; fixes computed: {string.Join(", ", fixesByFixer.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))}");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(heavyFromGlobalConfig >= versions.Count / 4, $"STK0105 was raised from the .globalconfig in only {heavyFromGlobalConfig} versions");
        Assert.True(fixesByFixer.Values.Sum() > 100, $"only {fixesByFixer.Values.Sum()} fixes were computed: the versions should raise fixable diagnostics");
        var neverExercised = Fixers.Select(f => f.GetType().Name).Where(name => !fixesByFixer.ContainsKey(name)).ToArray();
        Assert.True(neverExercised.Length == 0, $"never exercised: {string.Join(", ", neverExercised)}");
    }

    private static async Task FixAllDiagnosticsAsync(
        string[] sources, bool loggerIsHeavy, Action<string> computed, Action<string> fail, Action heavyFromGlobalConfig, CancellationToken cancellationToken)
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

        if (loggerIsHeavy)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(LoggerIsHeavy), filePath: "/src/.globalconfig");
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => fail($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzersTest.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
        {
            fail(crash.ToString());
        }

        if (loggerIsHeavy && diagnostics.Any(d => d.Id == "STK0105" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("ILogger", StringComparison.Ordinal)))
        {
            heavyFromGlobalConfig();
        }

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

                            computed(fixer.GetType().Name);
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    fail($"{fixer.GetType().Name} on {diagnostic}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }
    }
}
