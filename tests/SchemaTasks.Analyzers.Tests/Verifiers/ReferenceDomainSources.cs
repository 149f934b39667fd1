namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// The three reference domains of SPEC section 7 (calendars, webhooks, billing proration) as source text,
/// embedded from <c>ReferenceDomains/*.cs</c>: code that follows the pattern exactly, for "must not report"
/// tests and as a base that a test edits one line of.
/// </summary>
public static class ReferenceDomainSources
{
    private const string Prefix = "SchemaTasks.Analyzers.Tests.ReferenceDomains.";

    /// <summary>The shared declarations the domains use (repositories, a logger-taking base...).</summary>
    public static string Common => Load("Common.cs");

    /// <summary>The calendars domain.</summary>
    public static string Calendars => Load("Calendars.cs");

    /// <summary>The webhooks domain.</summary>
    public static string Webhooks => Load("Webhooks.cs");

    /// <summary>The billing proration domain (a scheduled task and a batch task).</summary>
    public static string Billing => Load("Billing.cs");

    /// <summary>Every file, in a stable order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All =>
    [
        ("Common.cs", Common),
        ("Calendars.cs", Calendars),
        ("Webhooks.cs", Webhooks),
        ("Billing.cs", Billing),
    ];

    private static string Load(string fileName)
    {
        using var stream = typeof(ReferenceDomainSources).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"Reference domain '{fileName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
