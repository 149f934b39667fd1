using Microsoft.CodeAnalysis.Testing;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>The reference domains of SPEC section 7 follow the pattern exactly: every rule stays silent on them.</summary>
public sealed class ReferenceDomainsTests
{
    [Fact]
    public async Task Reference_domains_produce_no_diagnostic_of_any_rule_or_the_compiler()
    {
        var test = new AllAnalyzersTest();
        foreach (var (name, source) in ReferenceDomainSources.All)
        {
            test.TestState.Sources.Add(("/0/Test/" + name, source));
        }

        // No expected diagnostics: the test fails on any STK id of any severity and on any compiler error
        // (the domains use the generated tasker, so the generator's output must compile too).
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Every_analyzer_of_the_assembly_takes_part()
    {
        var ids = AllAnalyzersTest.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();

        Assert.Contains(DiagnosticDescriptors.InvalidTaskMethodShape.Id, ids);
        Assert.Contains(DiagnosticDescriptors.ConflictingQueueLimits.Id, ids);
    }

    [Fact]
    public void The_generator_runs_alongside_the_analyzer_tests()
    {
        Assert.NotNull(TestCompilationSetup.Generator);
    }

    [Fact]
    public void The_reference_domains_declare_the_tasks_of_the_spec()
    {
        var all = string.Concat(ReferenceDomainSources.All.Select(f => f.Source));

        Assert.Contains("\"calendars.ensure-default-calendars\"", all, StringComparison.Ordinal);
        Assert.Contains("\"webhook.deliver\"", all, StringComparison.Ordinal);
        Assert.Contains("\"billing.monthly-proration.schedule\"", all, StringComparison.Ordinal);
        Assert.Contains("throw;", ReferenceDomainSources.Domain(ReferenceDomainSources.WebhooksDomain).Single(f => f.Name.EndsWith("TaskService.cs", StringComparison.Ordinal)).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_domains_are_the_sample_files_one_folder_per_domain()
    {
        var domains = ReferenceDomainSources.All.Select(f => ReferenceDomainSources.DomainOf(f.Name)).OfType<string>().Distinct().ToArray();

        Assert.Equal([ReferenceDomainSources.BillingDomain, ReferenceDomainSources.CalendarsDomain, ReferenceDomainSources.WebhooksDomain], domains);
        Assert.Contains(ReferenceDomainSources.All, f => f.Name == "Calendars/CalendarsTaskService.cs");
        Assert.Equal(ReferenceDomainSources.ImplicitUsingsName, ReferenceDomainSources.All[0].Name);
    }
}
