using SchemaTasks.Testing;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SchemaTasks.Tests.Packaging;

/// <summary>
/// The SchemaTasks package as a user meets it: its README on nuget.org, the docs it carries, where its links and
/// help links point, and a new project built from it under the strictest analysis a team turns on.
/// </summary>
public sealed partial class PackageTests(PackedPackage package) : IClassFixture<PackedPackage>
{
    private static readonly string DocsBaseUrl = PackedPackage.BuildProperty("SchemaTasksDocsBaseUrl");
    private static readonly string RepositoryUrl = PackedPackage.BuildProperty("SchemaTasksRepositoryUrl");

    [Fact]
    public void The_package_readme_is_written_for_a_package_user_and_links_the_docs_absolutely()
    {
        var ns = package.Nuspec.Root!.Name.Namespace;
        Assert.Equal("README.md", package.Nuspec.Root.Element(ns + "metadata")!.Element(ns + "readme")?.Value);
        var readme = package.Text("README.md");

        var source = File.ReadAllText(Path.Combine(package.RepoRoot, "src", "SchemaTasks", "PackageReadme.md"));
        Assert.Equal(source.Replace("{{docs}}", DocsBaseUrl, StringComparison.Ordinal).TrimEnd(), readme.TrimEnd());
        Assert.Contains("dotnet add package SchemaTasks", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet add package Microsoft.Extensions.Hosting", readme, StringComparison.Ordinal);
        Assert.Contains("GetRequiredService<ITaskRuns>()", readme, StringComparison.Ordinal);
        Assert.Contains($"]({DocsBaseUrl}getting-started.md)", readme, StringComparison.Ordinal);
        // Nothing that only makes sense inside the repository: no sample project, no relative link, no placeholder.
        Assert.DoesNotContain("SchemaTasks.Sample", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("{{docs}}", readme, StringComparison.Ordinal);
        Assert.Empty(RelativeLink().Matches(readme).Select(m => m.Value));
    }

    [Fact]
    public void The_package_readme_lists_every_diagnostic_with_a_link_to_its_page()
    {
        var readme = package.Text("README.md");

        foreach (var page in Directory.GetFiles(Path.Combine(package.RepoRoot, "docs", "diagnostics"), "STK*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            Assert.Contains($"| [{id}]({DocsBaseUrl}diagnostics/{id}.md) |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_docs_page_and_guide_ships_in_the_package_under_docs()
    {
        var docs = Path.Combine(package.RepoRoot, "docs");
        var pages = Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories);

        Assert.Contains(pages, p => p.EndsWith("getting-started.md", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith(Path.Combine("diagnostics", "STK0001.md"), StringComparison.Ordinal));
        foreach (var page in pages)
        {
            var entry = "docs/" + Path.GetRelativePath(docs, page).Replace(Path.DirectorySeparatorChar, '/');
            Assert.True(package.Entries.ContainsKey(entry), $"{entry} is not in the package");
            Assert.Equal(File.ReadAllBytes(page), package.Entries[entry]);
        }
    }

    [Fact]
    public void The_repository_metadata_and_the_analyzers_help_link_base_come_from_the_build_properties()
    {
        Assert.StartsWith("https://", RepositoryUrl, StringComparison.Ordinal);
        Assert.EndsWith("/", DocsBaseUrl, StringComparison.Ordinal);
        var ns = package.Nuspec.Root!.Name.Namespace;
        var metadata = package.Nuspec.Root.Element(ns + "metadata")!;

        var repository = metadata.Element(ns + "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal(RepositoryUrl, metadata.Element(ns + "projectUrl")?.Value);
        // The analyzers in the package carry the same docs address, the start of every help link.
        Assert.Equal(DocsBaseUrl, ConstantOf(package.Entries["analyzers/dotnet/roslyn4.8/cs/SchemaTasks.Analyzers.dll"], "DocsLinks", "BaseUrl"));
    }

    [Fact]
    public async Task A_consumer_under_latest_all_analysis_gets_CA1812_for_its_unused_class_only_not_for_the_task_service_and_validator_DI_creates()
    {
        var consumer = Path.Combine(package.Work, "consumer");
        // CA1812 stays a warning so that the build runs to its end and shows which classes it names; every other
        // warning of the whole latest-all set is an error.
        await LocalPackages.WriteConsumerAsync(
            consumer,
            package.Feed,
            """
                <AnalysisLevel>latest-all</AnalysisLevel>
                <WarningsNotAsErrors>NU1603;CA1812</WarningsNotAsErrors>
            """,
            ("SchemaTasks", package.Version),
            ("Microsoft.Extensions.Hosting", "10.0.0"));
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using FluentValidation;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using SchemaTasks;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddGreetingsTasker();
            using var host = builder.Build();
            await host.StartAsync().ConfigureAwait(false);
            var handle = await host.Services.GetRequiredService<IGreetingsTasker>().GreetAsync(new GreetPayload("package")).ConfigureAwait(false);
            var run = await host.Services.GetRequiredService<ITaskRuns>().WaitForCompletionAsync(handle.RunId, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            return run.Status == TaskRunStatus.Completed ? 0 : 1;

            internal sealed record GreetPayload(string Name);

            internal sealed class GreetPayloadValidator : AbstractValidator<GreetPayload>
            {
                public GreetPayloadValidator() => RuleFor(p => p.Name).NotEmpty();
            }

            [TaskQueue("greetings", ConcurrencyLimit = 10)]
            [TaskMachine(Machine.Small1x)]
            [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1_000, MaxTimeoutInMs = 10_000, OutOfMemoryMachine = Machine.Medium1x)]
            internal static class GreetingsTaskConfig;

            internal sealed class GreetingsTaskService(TimeProvider time)
            {
                [SchemaTask("greetings.greet", Config = typeof(GreetingsTaskConfig))]
                public Task GreetAsync(GreetPayload payload, CancellationToken cancellationToken) =>
                    Task.Delay(TimeSpan.FromMilliseconds(payload.Name.Length), time, cancellationToken);
            }

            // Created nowhere: CA1812 must still say so.
            internal sealed class NeverCreated
            {
                public int Value { get; set; }
            }
            """);

        var output = await LocalPackages.DotnetAsync(consumer, "build");

        var reported = Diagnostic().Matches(output).Select(m => (Id: m.Groups["id"].Value, Text: m.Value)).Distinct().ToArray();
        Assert.True(reported.Select(d => d.Id).Distinct().SequenceEqual(["CA1812"]), $"expected CA1812 only:\n{output}");
        Assert.All(reported, d => Assert.Contains("'NeverCreated'", d.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("GreetingsTaskService", output, StringComparison.Ordinal);
        Assert.DoesNotContain("GreetPayloadValidator", output, StringComparison.Ordinal);
    }

    // A string constant of a compiled type, read from the metadata without loading the assembly.
    private static string ConstantOf(byte[] assembly, string typeName, string fieldName)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var metadata = pe.GetMetadataReader();
        foreach (var type in metadata.TypeDefinitions.Select(metadata.GetTypeDefinition).Where(t => metadata.GetString(t.Name) == typeName))
        {
            foreach (var field in type.GetFields().Select(metadata.GetFieldDefinition).Where(f => metadata.GetString(f.Name) == fieldName))
            {
                var value = metadata.GetBlobReader(metadata.GetConstant(field.GetDefaultValue()).Value);
                return value.ReadUTF16(value.Length);
            }
        }

        throw new InvalidOperationException($"{typeName}.{fieldName} is not in the assembly.");
    }

    // A markdown link whose target is not absolute (http, https or mailto) or an anchor.
    [GeneratedRegex(@"\]\((?!https?://|mailto:|#)[^)]+\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"(warning|error) (?<id>[A-Z]+[0-9]+):[^\r\n]*")]
    private static partial Regex Diagnostic();
}
