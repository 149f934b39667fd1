using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>
/// The generator and every analyzer run on code as it looks while being typed: over a thousand damaged versions of
/// the reference domains (see <see cref="SourceDamage"/>). None may throw (the generator's parsers do not catch
/// their own exceptions, so a crash shows here as a run exception or CS8785), damage confined to one domain's file
/// must not stop the other domains' tasks from being generated, and in the damaged domain itself every task whose
/// declaration the damage left as it was, and that the shared rules still accept, is generated too.
/// </summary>
public sealed class DamagedDomainsTests
{
    private const int VersionsPerDomainFile = 90;
    private const int VersionsOfImplicitUsings = 40;
    private const int Seed = 20_260_101;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    [Fact]
    public void The_undamaged_domains_generate_every_domain_and_raise_no_analyzer_exception()
    {
        var baseline = Run(ReferenceDomainSources.All.Select(f => f.Source).ToArray());

        Assert.Empty(baseline.Failures);
        foreach (var domain in Domains)
        {
            Assert.NotEmpty(baseline.GeneratedIds[NamespaceOf(domain)]);
        }
    }

    [Fact]
    public void Generator_and_analyzers_survive_a_thousand_damaged_versions_and_keep_the_other_domains()
    {
        var files = ReferenceDomainSources.All;
        var baseline = Run(files.Select(f => f.Source).ToArray());
        Assert.Empty(baseline.Failures);

        var versions = new List<(int FileIndex, DamagedSource Damage, int Index)>();
        for (var fileIndex = 0; fileIndex < files.Count; fileIndex++)
        {
            var count = ReferenceDomainSources.DomainOf(files[fileIndex].Name) is null ? VersionsOfImplicitUsings : VersionsPerDomainFile;
            var random = new Random(Seed + fileIndex);
            for (var i = 0; i < count; i++)
            {
                versions.Add((fileIndex, SourceDamage.Damage(files[fileIndex].Source, random), versions.Count));
            }
        }

        var failures = new ConcurrentBag<string>();
        var untouchedChecked = new ConcurrentBag<int>();
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(
            versions,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = TestContext.Current.CancellationToken },
            version =>
            {
                var (fileIndex, damage, _) = version;
                var sources = files.Select(f => f.Source).ToArray();
                sources[fileIndex] = damage.Text;
                // Every tenth version is analyzed whole (compilation-wide and compilation-end actions included);
                // the others only in the damaged file, which keeps a thousand versions fast.
                var result = Run(sources, wholeCompilation: version.Index % 10 == 0);
                var where = $"{files[fileIndex].Name}: {damage.Description}";
                foreach (var failure in result.Failures)
                {
                    failures.Add($"{where}: {failure}");
                }

                if (ReferenceDomainSources.DomainOf(files[fileIndex].Name) is not { } damagedDomain)
                {
                    return;
                }

                // In the damaged domain, the tasks the damage did not touch and the shared rules accept are generated.
                var damagedIds = result.GeneratedIds.GetValueOrDefault(NamespaceOf(damagedDomain), ImmutableHashSet<string>.Empty);
                var lost = result.UntouchedValidIds.Except(damagedIds).ToArray();
                if (lost.Length > 0)
                {
                    failures.Add($"{where}: {damagedDomain} lost its untouched tasks {string.Join(", ", lost)}");
                }

                untouchedChecked.Add(result.UntouchedValidIds.Count);

                // Damage in one domain's file leaves the other domains' generated tasks as they were.
                foreach (var other in Domains.Where(d => d != damagedDomain))
                {
                    var ns = NamespaceOf(other);
                    var missing = baseline.GeneratedIds[ns].Except(result.GeneratedIds.GetValueOrDefault(ns, ImmutableHashSet<string>.Empty)).ToArray();
                    if (missing.Length > 0)
                    {
                        failures.Add($"{where}: {other} lost its generated tasks {string.Join(", ", missing)}");
                    }
                }
            });
        stopwatch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{versions.Count} damaged versions analyzed and generated in {stopwatch.Elapsed.TotalSeconds:F1} s; {failures.Count} failures.");
        Assert.True(versions.Count >= 1000, $"only {versions.Count} versions");
        Assert.True(untouchedChecked.Sum() >= 1000, $"only {untouchedChecked.Sum()} untouched tasks of damaged domains were checked");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.OrderBy(f => f, StringComparer.Ordinal).Take(20)));
    }

    [Fact]
    public void The_damage_is_deterministic()
    {
        var source = ReferenceDomainSources.All.Single(f => f.Name == "Calendars/CalendarsTaskService.cs").Source;
        var first = Enumerable.Range(0, 50).Select(_ => 0).Aggregate(
            (Random: new Random(7), Texts: new List<string>()),
            (state, _) => { state.Texts.Add(SourceDamage.Damage(source, state.Random).Text); return state; }).Texts;
        var second = Enumerable.Range(0, 50).Select(_ => 0).Aggregate(
            (Random: new Random(7), Texts: new List<string>()),
            (state, _) => { state.Texts.Add(SourceDamage.Damage(source, state.Random).Text); return state; }).Texts;

        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 40, "the damage should vary from one version to the next");
    }

    [Fact]
    public void An_analyzer_that_throws_is_caught_by_the_harness()
    {
        var result = Run(ReferenceDomainSources.All.Select(f => f.Source).ToArray(), [new ThrowingAnalyzer()]);

        Assert.Contains(result.Failures, failure => failure.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal));
    }

    private static string[] Domains { get; } =
        [ReferenceDomainSources.BillingDomain, ReferenceDomainSources.CalendarsDomain, ReferenceDomainSources.WebhooksDomain];

    /// <summary>The namespace a domain's files declare (and its generated code lands in).</summary>
    private static string NamespaceOf(string domain) =>
        ReferenceDomainSources.Domain(domain)
            .Select(file => file.Source.Split('\n').First(line => line.StartsWith("namespace ", StringComparison.Ordinal))
                .Substring("namespace ".Length).TrimEnd(';', '\r', ' '))
            .Distinct(StringComparer.Ordinal)
            .Single();

    private sealed record RunResult(
        IReadOnlyList<string> Failures,
        IReadOnlyDictionary<string, ImmutableHashSet<string>> GeneratedIds,
        ImmutableHashSet<string> UntouchedValidIds);

    /// <summary>
    /// The undamaged project, built once: its parsed files, its compilation (whose references every damaged version
    /// reuses) and the generator driver after a first run, so that each damaged version is an incremental run as
    /// in the IDE, where one file changes at a time.
    /// </summary>
    private sealed class Baseline
    {
        public static Baseline Instance { get; } = new();

        private Baseline()
        {
            Trees = ReferenceDomainSources.All.Select((file, i) => Parse(file.Source, i)).ToArray();
            var generatorType = TestCompilationSetup.Generator ?? throw new InvalidOperationException("The SchemaTasks generator is missing.");
            var generator = ((IIncrementalGenerator)Activator.CreateInstance(generatorType)!).AsSourceGenerator();
            var driver = CSharpGeneratorDriver.Create([generator], parseOptions: ParseOptions);

            // Only the references the project uses: every new compilation merges the namespaces of all its
            // references on first lookup, and the full framework is ten times what the domains touch.
            var full = CSharpCompilation.Create("Damaged", Trees, TestCompilationSetup.References, CompilationOptions);
            driver.RunGeneratorsAndUpdateCompilation(full, out var generated, out _);
            var used = generated.GetUsedAssemblyReferences();
            Compilation = full.WithReferences(used);
            Driver = driver.RunGenerators(Compilation);
        }

        public SyntaxTree[] Trees { get; }

        public CSharpCompilation Compilation { get; }

        public GeneratorDriver Driver { get; }

        public static SyntaxTree Parse(string source, int index) =>
            CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/File{index}.cs");
    }

    /// <summary>Runs the generator, then every analyzer over the generated compilation, and collects what went wrong.</summary>
    private static RunResult Run(string[] sources, ImmutableArray<DiagnosticAnalyzer>? analyzers = null, bool wholeCompilation = true)
    {
        var baseline = Baseline.Instance;
        var compilation = baseline.Compilation;
        var trees = baseline.Trees.ToArray();
        for (var i = 0; i < sources.Length; i++)
        {
            if (!ReferenceEquals(sources[i], ReferenceDomainSources.All[i].Source) && sources[i] != trees[i].ToString())
            {
                var damaged = Baseline.Parse(sources[i], i);
                compilation = compilation.ReplaceSyntaxTree(trees[i], damaged);
                trees[i] = damaged;
            }
        }

        var failures = new List<string>();
        var driver = baseline.Driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        foreach (var result in driver.GetRunResult().Results)
        {
            if (result.Exception is { } exception)
            {
                failures.Add($"generator threw {exception.GetType().Name}: {exception.Message}");
            }
        }

        // CS8784/CS8785: the compiler's report of a generator that failed to initialize or to generate.
        failures.AddRange(generatorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = generated.WithAnalyzers(analyzers ?? AllAnalyzersTest.Analyzers, options);
        ImmutableArray<Diagnostic> diagnostics;
        if (wholeCompilation)
        {
            diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        else
        {
            // Only the damaged files: their syntax and symbol actions, without binding the rest of the project again.
            var builder = ImmutableArray.CreateBuilder<Diagnostic>();
            for (var i = 0; i < trees.Length; i++)
            {
                if (!ReferenceEquals(trees[i], baseline.Trees[i]))
                {
                    builder.AddRange(withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(trees[i], CancellationToken.None).GetAwaiter().GetResult());
                    builder.AddRange(withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(generated.GetSemanticModel(trees[i]), null, CancellationToken.None).GetAwaiter().GetResult());
                }
            }

            diagnostics = builder.ToImmutable();
        }

        failures.AddRange(exceptions);
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));

        // Every file of the damaged domain: damage to its payload or config file must not drop its service's tasks either.
        var damagedDomains = Enumerable.Range(0, trees.Length)
            .Where(i => !ReferenceEquals(trees[i], baseline.Trees[i]))
            .Select(i => ReferenceDomainSources.DomainOf(ReferenceDomainSources.All[i].Name))
            .Where(domain => domain is not null)
            .ToHashSet(StringComparer.Ordinal);
        var untouched = ImmutableHashSet<string>.Empty;
        for (var i = 0; i < trees.Length; i++)
        {
            if (damagedDomains.Contains(ReferenceDomainSources.DomainOf(ReferenceDomainSources.All[i].Name)))
            {
                untouched = untouched.Union(UntouchedValidIds((CSharpCompilation)generated, trees[i], baseline.Trees[i]));
            }
        }

        return new RunResult(failures, GeneratedIds(driver.GetRunResult()), untouched);
    }

    /// <summary>
    /// The ids of the tasks declared in <paramref name="damaged"/> (a file of the damaged domain, damaged or not) by a
    /// method whose text is exactly as in <paramref name="original"/>, that the shared rules accept (EmittedTaskRules, through the analyzers'
    /// GeneratedTasks, which also drops colliding names as the generator does), and whose parameters all bind in
    /// the compilation with the generated code (a scheduled task that takes its domain's tasker loses it when the
    /// damage removed every triggered task): the generator must emit each.
    /// </summary>
    private static IEnumerable<string> UntouchedValidIds(CSharpCompilation compilation, SyntaxTree damaged, SyntaxTree original)
    {
        var originalMethods = original.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .Where(method => method.AttributeLists.Count > 0)
            .Select(method => method.ToString())
            .ToHashSet(StringComparer.Ordinal);
        if (originalMethods.Count == 0 || Analyzers.Model.KnownTypes.TryCreate(compilation) is not { } types)
        {
            yield break;
        }

        var model = compilation.GetSemanticModel(damaged);
        foreach (var declaration in damaged.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
        {
            if (!originalMethods.Contains(declaration.ToString()) ||
                model.GetDeclaredSymbol(declaration) is not { ContainingType: { } service } method ||
                method.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Error) ||
                Analyzers.Model.GeneratedTasks.Read(service, types, CancellationToken.None) is not { } tasks)
            {
                continue;
            }

            for (var i = 0; i < tasks.Tasks.Length; i++)
            {
                var (taskMethod, isTriggered) = tasks.Tasks[i];
                var attributeType = isTriggered ? types.SchemaTaskAttribute : types.ScheduledTaskAttribute;
                if (SymbolEqualityComparer.Default.Equals(taskMethod, method) && !tasks.Collisions.Collides(i) &&
                    method.GetAttributes().SingleOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType)) is { } attribute &&
                    attribute.ConstructorArguments is [{ Value: string id }])
                {
                    yield return id;
                }
            }
        }
    }

    /// <summary>
    /// The task id constants of the generated <c>&lt;Domain&gt;Tasks</c> classes, by namespace, read from the generated
    /// text (cheaper than binding it: this runs for every version).
    /// </summary>
    private static IReadOnlyDictionary<string, ImmutableHashSet<string>> GeneratedIds(GeneratorDriverRunResult run)
    {
        var ids = new Dictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
        foreach (var source in run.Results.SelectMany(result => result.GeneratedSources))
        {
            var text = source.SourceText.ToString();
            var ns = NamespacePattern.Match(text);
            var constants = IdConstantPattern.Matches(text).Select(match => match.Groups[1].Value).ToArray();
            if (ns.Success && constants.Length > 0)
            {
                var name = ns.Groups[1].Value;
                ids[name] = ids.GetValueOrDefault(name, ImmutableHashSet<string>.Empty).Union(constants);
            }
        }

        return ids;
    }

    private static readonly System.Text.RegularExpressions.Regex NamespacePattern = new(@"^namespace ([\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline);

    private static readonly System.Text.RegularExpressions.Regex IdConstantPattern = new(@"public const string \w+ = ""([^""]+)"";");

#pragma warning disable RS1001, RS1025, RS1026, RS2008 // A test double: proves the harness sees an analyzer's exception.
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
    }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
}
