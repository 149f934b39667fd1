using System.Globalization;
using System.Text.RegularExpressions;

namespace SchemaTasks.Benchmarks.Generator;

/// <summary>
/// The sample's reference domains (<c>src/SchemaTasks.Sample/Domains/**/*.cs</c>, embedded) as N independent
/// copies, so that the generator sees a project N times the sample's size. Each copy gets its own namespace, its own
/// domain names and its own task ids: the generator drops domains whose generated types would collide (their
/// <c>Add&lt;Domain&gt;Tasker</c> classes share one namespace), and duplicate ids are an error, so copies that only
/// differ by namespace would not be N times the work.
/// </summary>
internal static partial class ReferenceDomainCopies
{
    /// <summary>The embedded domain files, named <c>Domain/File.cs</c>, in ordinal order (without the implicit usings).</summary>
    public static IReadOnlyList<(string Name, string Source)> Originals { get; } =
        [.. ReferenceDomainSources.All.Where(file => ReferenceDomainSources.DomainOf(file.Name) is not null)];

    /// <summary>
    /// The domain names (a task service's class name less <c>TaskService</c>), longest first so that a rename never
    /// hits a shorter name inside a longer one.
    /// </summary>
    public static IReadOnlyList<string> DomainNames { get; } = FindDomainNames();

    /// <summary>The files of copy <paramref name="index"/>, named <c>CopyNNN/Domain/File.cs</c>.</summary>
    /// <param name="index">The copy's number, from 0.</param>
    public static IEnumerable<(string Name, string Source)> Copy(int index)
    {
        var tag = index.ToString("D3", CultureInfo.InvariantCulture);
        var domainPattern = new Regex(string.Join('|', DomainNames.Select(Regex.Escape)), RegexOptions.CultureInvariant);
        foreach (var (name, source) in Originals)
        {
            // Every occurrence of a domain name, identifiers and namespaces alike, so that what one file names
            // (IMonthlyProrationTasker, CalendarsTaskConfig) still matches what the generator writes for the copy.
            var renamed = domainPattern.Replace(source, match => match.Value + "C" + tag);
            renamed = renamed.Replace("SchemaTasks.Sample.", $"SchemaTasks.Sample.Copy{tag}.", StringComparison.Ordinal);
            renamed = TaskIdAttribute().Replace(renamed, match => match.Value + $"copy{tag}.");
            yield return ($"Copy{tag}/{name}", renamed);
        }
    }

    // The opening quote of the id of [SchemaTask("...")] and [ScheduledTask("...")].
    [GeneratedRegex("""\[(?:SchemaTask|ScheduledTask)\(\s*"(?=[a-z0-9])""", RegexOptions.CultureInvariant)]
    private static partial Regex TaskIdAttribute();

    [GeneratedRegex(@"\bclass\s+(?<domain>\w+)TaskService\b", RegexOptions.CultureInvariant)]
    private static partial Regex TaskServiceClass();

    private static List<string> FindDomainNames()
    {
        var names = Originals
            .SelectMany(file => TaskServiceClass().Matches(file.Source))
            .Select(match => match.Groups["domain"].Value)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(name => name.Length)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        return names.Count > 0
            ? names
            : throw new InvalidOperationException("No class named <Domain>TaskService in the embedded reference domains.");
    }
}
