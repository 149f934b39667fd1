namespace SchemaTasks.Testing;

/// <summary>
/// The three reference domains of SPEC section 7 (calendars, webhooks, billing proration) as source text: the
/// sample's own files, <c>src/SchemaTasks.Sample/Domains/**/*.cs</c>, embedded by the test project, so the sample
/// and the tests share one copy of code that follows the pattern exactly. Linked into the analyzer and the
/// generator tests alike.
/// </summary>
public static class ReferenceDomainSources
{
    /// <summary>The name of <see cref="ImplicitUsings"/> among <see cref="All"/>.</summary>
    public const string ImplicitUsingsName = "GlobalUsings.g.cs";

    /// <summary>The calendars domain's folder.</summary>
    public const string CalendarsDomain = "Calendars";

    /// <summary>The webhooks domain's folder.</summary>
    public const string WebhooksDomain = "Webhooks";

    /// <summary>The billing proration domain's folder (a scheduled task and a batch task).</summary>
    public const string BillingDomain = "Billing";

    private const string ResourcePrefix = "ReferenceDomains/";

    /// <summary>
    /// What the SDK's <c>ImplicitUsings</c> gives the sample (a <c>Microsoft.NET.Sdk</c> project): the domain files
    /// rely on it as any file of an SDK project does.
    /// </summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;

        """;

    private static readonly Lazy<IReadOnlyList<(string Name, string Source)>> Files = new(Load);

    /// <summary>
    /// The implicit usings first, then every domain file named <c>Domain/File.cs</c> in ordinal order. The same
    /// string instances on every call, so a test can tell an untouched file by reference.
    /// </summary>
    public static IReadOnlyList<(string Name, string Source)> All => Files.Value;

    /// <summary>The files of one domain (<see cref="CalendarsDomain"/>...), without the implicit usings.</summary>
    /// <param name="domain">The domain's folder.</param>
    public static IReadOnlyList<(string Name, string Source)> Domain(string domain)
    {
        var files = All.Where(file => DomainOf(file.Name) == domain).ToArray();
        return files.Length > 0 ? files : throw new ArgumentException($"No reference domain '{domain}' is embedded.", nameof(domain));
    }

    /// <summary>
    /// The files of <paramref name="domains"/>, then the implicit usings: a project that compiles on its own, whose
    /// first file is a domain's.
    /// </summary>
    /// <param name="domains">The domains' folders.</param>
    public static string[] Project(params string[] domains) =>
        [.. domains.SelectMany(domain => Domain(domain).Select(file => file.Source)), ImplicitUsings];

    /// <summary>The domain a file of <see cref="All"/> belongs to, or null for the implicit usings.</summary>
    /// <param name="name">The file's name in <see cref="All"/>.</param>
    public static string? DomainOf(string name) =>
        name.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? name[..slash] : null;

    private static IReadOnlyList<(string Name, string Source)> Load()
    {
        var assembly = typeof(ReferenceDomainSources).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => (Name: name[ResourcePrefix.Length..].Replace('\\', '/'), Source: Read(assembly, name)))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException("The sample's domain sources are not embedded in " + assembly.GetName().Name + ".");
        }

        return [(ImplicitUsingsName, ImplicitUsings), .. files];
    }

    private static string Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
