using System.Globalization;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>The same input gives the same output, whatever the culture; a cancelled run stops.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Output_is_identical_across_runs_and_cultures()
    {
        var first = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain, ReferenceDomains.BillingDomain));

        var culture = CultureInfo.CurrentCulture;
        GeneratorRun second;
        try
        {
            var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commaCulture.NumberFormat.NumberDecimalSeparator = ",";
            commaCulture.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = commaCulture;
            second = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain, ReferenceDomains.BillingDomain));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(first.HintNames, second.HintNames);
        foreach (var hintName in first.HintNames)
        {
            Assert.Equal(first.Source(hintName), second.Source(hintName));
        }
    }

    [Fact]
    public void A_cancelled_run_throws_OperationCanceledException_instead_of_emitting_partial_output()
    {
        var compilation = GeneratorHarness.CreateCompilation(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorHarness.CreateDriver().RunGenerators(compilation, cancellation.Token));
    }
}
