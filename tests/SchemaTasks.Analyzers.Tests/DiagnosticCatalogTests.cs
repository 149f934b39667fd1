using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>Every rule has its page, its help link and its release line; the analyzers cost nothing without SchemaTasks.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    // SchemaTasksDocsBaseUrl as this build set it: the one property every help link starts with.
    private static readonly string DocsBaseUrl = typeof(DiagnosticCatalogTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SchemaTasksDocsBaseUrl").Value!;

    public static TheoryData<string> ReportedIds =>
        [.. AllAnalyzersTest.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ReportedIds))]
    public void Every_reported_rule_has_its_docs_page_its_help_link_and_a_release_line(string id)
    {
        var descriptor = AllAnalyzersTest.Analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);

        Assert.True(File.Exists(Path.Combine(RepoRoot, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        Assert.Equal(DocsBaseUrl + "diagnostics/" + id + ".md", descriptor.HelpLinkUri);
        var releases = File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "SchemaTasks.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " | " + descriptor.Category + " | " + descriptor.DefaultSeverity, releases, StringComparison.Ordinal);
        Assert.Contains("(" + id + ".md)", File.ReadAllText(Path.Combine(RepoRoot, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReportedIds))]
    public void Every_rule_page_shows_a_message_the_rule_can_print(string id)
    {
        // The page's "## Message" block holds lines as the build prints them ("warning STK0101: Task 'x' ..."); each
        // must fit one of the rule's message formats, so a changed message that its page does not show fails here.
        var page = File.ReadAllText(Path.Combine(RepoRoot, "docs", "diagnostics", id + ".md")).ReplaceLineEndings("\n");
        var section = System.Text.RegularExpressions.Regex.Match(page, "\n## Message\n(.*?)(\n## |$)", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(section.Success, $"docs/diagnostics/{id}.md has no '## Message' section");
        var lines = section.Groups[1].Value.Split('\n').Where(line => line.StartsWith("error " + id + ": ", StringComparison.Ordinal) ||
            line.StartsWith("warning " + id + ": ", StringComparison.Ordinal) || line.StartsWith("info " + id + ": ", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length > 0, $"docs/diagnostics/{id}.md shows no '<severity> {id}: <message>' line");

        var descriptors = AllAnalyzersTest.Analyzers.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).ToArray();
        foreach (var line in lines)
        {
            var fits = descriptors.Any(descriptor =>
                line.StartsWith(Severity(descriptor) + " " + id + ": ", StringComparison.Ordinal) &&
                System.Text.RegularExpressions.Regex.IsMatch(line.Substring(line.IndexOf(": ", StringComparison.Ordinal) + 2), Pattern(descriptor)));
            Assert.True(fits, $"docs/diagnostics/{id}.md shows a message no descriptor of {id} prints: {line}");
        }
    }

    // The message format with each {n} standing for any text: "Task '{0}' is ..." -> ^Task '.+' is ...$
    private static string Pattern(DiagnosticDescriptor descriptor) =>
        "^" + string.Join(".+", System.Text.RegularExpressions.Regex.Split(
                descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), "\\{[0-9]+\\}")
            .Select(System.Text.RegularExpressions.Regex.Escape)) + "$";

    private static string Severity(DiagnosticDescriptor descriptor) => descriptor.DefaultSeverity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    [Fact]
    public void The_error_rules_that_block_generation_are_not_configurable_and_the_others_are()
    {
        string[] blocking = ["STK0001", "STK0002", "STK0003", "STK0004", "STK0005", "STK0008"];
        foreach (var descriptor in AllAnalyzersTest.Analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            var notConfigurable = descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable);
            Assert.True(blocking.Contains(descriptor.Id) == notConfigurable, descriptor.Id);
        }
    }

    [Fact]
    public void A_compilation_without_SchemaTasks_resolves_no_known_types_so_no_rule_registers_anything()
    {
        var compilation = CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText("class C { }", cancellationToken: TestContext.Current.CancellationToken)],
            Basic.Reference.Assemblies.Net100.References.All);

        Assert.Null(KnownTypes.TryCreate(compilation));
        Assert.NotNull(KnownTypes.TryCreate(compilation.AddReferences(TestCompilationSetup.References)));
    }

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
