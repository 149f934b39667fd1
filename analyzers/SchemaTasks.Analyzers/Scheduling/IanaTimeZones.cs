using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;

namespace SchemaTasks.Analyzers.Scheduling;

/// <summary>
/// The IANA time zone ids (zones and their links, e.g. <c>US/Eastern</c>, <c>Etc/GMT+5</c>) the analyzer carries
/// as an embedded list generated from tzdata (TimeZones/generate-iana-time-zones.sh). The compiling machine's
/// TimeZoneInfo is never asked: a build gives the same verdict on Windows, Linux and macOS.
/// </summary>
internal static class IanaTimeZones
{
    private const string ResourceName = "SchemaTasks.Analyzers.IanaTimeZoneIds.txt";

    private static readonly Lazy<HashSet<string>> Ids = new(Load);

    /// <summary>Whether <paramref name="id"/> is an IANA time zone id (case-sensitive, as tzdata's file names).</summary>
    public static bool Contains(string? id) => id is not null && Ids.Value.Contains(id);

    private static readonly Lazy<string[]> SortedIds = new(() => Ids.Value.OrderBy(id => id, StringComparer.Ordinal).ToArray());

    /// <summary>Every known id in ordinal order, for suggestions (the first of equally close ones wins, every time).</summary>
    public static IReadOnlyList<string> Sorted => SortedIds.Value;

    /// <summary>How many ids are known (for tests).</summary>
    public static int Count => Ids.Value.Count;

    private static HashSet<string> Load()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var stream = typeof(IanaTimeZones).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                ids.Add(line.Trim());
            }
        }

        return ids;
    }
}
