using System;

namespace SchemaTasks.Analyzers.Scheduling;

/// <summary>
/// What STK0005 tells the user to write instead of an unknown time zone: the id it most likely meant (another
/// casing, a city name, a typo), or how to find one.
/// </summary>
internal static class TimeZoneAdvice
{
    private const string WindowsSuffix = " Standard Time";

    /// <summary>The advice for <paramref name="id"/>, which is not a known IANA id.</summary>
    public static string For(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "write an IANA id such as 'UTC' or 'Europe/Paris', or leave TimeZone out for UTC";
        }

        if (FixedOffset(id!) is { } offset)
        {
            return offset;
        }

        if (Nearest(id!) is { } nearest)
        {
            return "did you mean '" + nearest + "'?";
        }

        return id!.EndsWith(WindowsSuffix, StringComparison.OrdinalIgnoreCase) || id.EndsWith(" Time", StringComparison.OrdinalIgnoreCase)
            ? "it looks like a Windows id; write the IANA id of the same zone, e.g. 'Europe/Paris' for 'Romance Standard Time'"
            : "write an IANA id such as 'UTC' or 'Europe/Paris' (tzdata's names, case-sensitive)";
    }

    /// <summary>
    /// The known id closest to <paramref name="id"/>: the same id in another casing or with spaces for
    /// underscores, else the zone whose city is <paramref name="id"/>, else the one within a small edit distance
    /// (at most a quarter of its length, two edits for short ids); null when none is close.
    /// </summary>
    public static string? Nearest(string id)
    {
        var normalized = Normalize(id);
        string? city = null;
        string? closest = null;
        var best = Math.Max(2, normalized.Length / 4) + 1; // more edits than this is no typo
        foreach (var known in IanaTimeZones.Sorted)
        {
            var candidate = Normalize(known);
            if (candidate == normalized)
            {
                return known;
            }

            var slash = candidate.LastIndexOf('/');
            if (city is null && slash >= 0 && candidate.Substring(slash + 1) == normalized)
            {
                city = known;
            }

            if (Math.Abs(candidate.Length - normalized.Length) < best && Distance(candidate, normalized, best) is var distance && distance < best)
            {
                best = distance;
                closest = known;
            }
        }

        return city ?? closest;
    }

    // "GMT+2", "UTC-05:00": an offset, not a place. tzdata's fixed-offset zones invert the sign (Etc/GMT-2 is UTC+2),
    // so suggesting the look-alike 'Etc/GMT+2' would be two hours wrong twice over.
    private static string? FixedOffset(string id)
    {
        var text = id.Trim();
        if (text.Length < 5 || !(text.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UTC", StringComparison.OrdinalIgnoreCase)) ||
            (text[3] != '+' && text[3] != '-'))
        {
            return null;
        }

        var end = 4;
        while (end < text.Length && end < 6 && char.IsDigit(text[end]))
        {
            end++;
        }

        var rest = text.Substring(end);
        if (end == 4 || !(rest.Length == 0 || rest == ":00" || rest == "00") || int.Parse(text.Substring(4, end - 4), System.Globalization.CultureInfo.InvariantCulture) is var hours && hours > 14)
        {
            return null;
        }

        var etc = "Etc/GMT" + (hours == 0 ? "" : (text[3] == '+' ? "-" : "+") + hours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "an offset is not a time zone: write the zone of the place (e.g. 'Europe/Berlin'), which follows its daylight saving time, " +
            "or '" + etc + "' for a fixed UTC" + text.Substring(3, end - 3) + " (tzdata inverts the sign)";
    }

    private static string Normalize(string id) => id.Trim().Replace(' ', '_').ToLowerInvariant();

    // Optimal-string-alignment distance (a swap of two neighbours is one edit), giving up once every entry of a
    // row reaches `limit`.
    private static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin >= limit)
            {
                return limit;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
