using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>The caching assertion of every test can fail: a real change is seen as one.</summary>
public sealed class IncrementalityTests
{
    [Fact]
    public void Changing_a_config_value_modifies_the_domain_and_regenerates_its_source()
    {
        var compilation = GeneratorHarness.CreateCompilation(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("ConcurrencyLimit = 10", StringComparison.Ordinal));
        var changed = CSharpSyntaxTree.ParseText(
            tree.GetText(TestContext.Current.CancellationToken).ToString().Replace("ConcurrencyLimit = 10", "ConcurrencyLimit = 11", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions,
            tree.FilePath,
            cancellationToken: TestContext.Current.CancellationToken);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var domainReasons = result.TrackedSteps[TrackingNames.DomainSources].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, domainReasons);
        Assert.Contains(IncrementalStepRunReason.Cached, domainReasons); // webhooks did not change
        Assert.Throws<Xunit.Sdk.TrueException>(() => GeneratorHarness.AssertAllStepsCached(result, "after a real change"));
        Assert.Contains(
            "new global::SchemaTasks.QueueOptions(\"calendars\", 11, 0)",
            result.GeneratedSources.Single(s => s.HintName == "SchemaTasks.Sample.Calendars.CalendarsTasks.g.cs").SourceText.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_validator_regenerates_only_the_registration_of_its_domain()
    {
        var compilation = GeneratorHarness.CreateCompilation(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var withValidator = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "using FluentValidation; namespace SchemaTasks.Sample.Webhooks; public sealed class SecondWebhookValidator : AbstractValidator<WebhookDeliveryPayload> { }",
            GeneratorHarness.ParseOptions,
            path: "SecondValidator.cs",
            cancellationToken: TestContext.Current.CancellationToken));
        var result = driver.RunGenerators(withValidator, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[TrackingNames.DomainSources].SelectMany(s => s.Outputs).ToArray();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(
            "typeof(global::SchemaTasks.Sample.Webhooks.SecondWebhookValidator))",
            result.GeneratedSources.Single(s => s.HintName.Contains("WebhooksTaskerServiceCollectionExtensions", StringComparison.Ordinal)).SourceText.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_validator_next_to_the_payload_under_any_base_class_name_regenerates_the_registration()
    {
        var compilation = GeneratorHarness.CreateCompilation(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        // No "Validator" in either name: only the lookup from the payload's symbol (its namespace) finds it.
        var withRules = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "using FluentValidation; namespace SchemaTasks.Sample.Webhooks; public abstract class Rules<T> : AbstractValidator<T> { } public sealed class DeliveryRules : Rules<WebhookDeliveryPayload> { }",
            GeneratorHarness.ParseOptions,
            path: "DeliveryRules.cs",
            cancellationToken: TestContext.Current.CancellationToken));
        var result = driver.RunGenerators(withRules, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[TrackingNames.DomainSources].SelectMany(s => s.Outputs).ToArray();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(
            "typeof(global::SchemaTasks.Sample.Webhooks.DeliveryRules))",
            result.GeneratedSources.Single(s => s.HintName.Contains("WebhooksTaskerServiceCollectionExtensions", StringComparison.Ordinal)).SourceText.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_task_method_body_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class CalendarsTaskService", StringComparison.Ordinal));
        var changed = CSharpSyntaxTree.ParseText(
            tree.GetText(TestContext.Current.CancellationToken).ToString().Replace("\"Google\"", "\"Google Calendar\"", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions,
            tree.FilePath,
            cancellationToken: TestContext.Current.CancellationToken);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        GeneratorHarness.AssertAllStepsCached(result, "after editing a method body");
    }
}
