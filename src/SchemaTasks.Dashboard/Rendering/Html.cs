using System.Globalization;
using System.Text.Encodings.Web;

namespace SchemaTasks.Dashboard.Rendering;

/// <summary>
/// Encoding and formatting for the pages. Every value that comes from storage or a request goes through
/// <see cref="E"/> (text and attribute values alike); markup is only ever written by the dashboard itself.
/// </summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>HTML-encodes text for an element's content or a quoted attribute value.</summary>
    public static string E(string? value) => string.IsNullOrEmpty(value) ? "" : Encoder.Encode(value);

    /// <summary>A URL query component, encoded for the URL and then for HTML.</summary>
    public static string Q(string? value) => E(Uri.EscapeDataString(value ?? ""));

    public static string Time(DateTimeOffset? value) =>
        value is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string ShortTime(DateTimeOffset? value) =>
        value is { } time ? time.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Duration(TimeSpan? value)
    {
        if (value is not { } span)
        {
            return "—";
        }

        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.##} s"),
            < 3600 when span.Seconds == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
            < 86400 when span.Minutes == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
        };
    }

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Limit(int limit) => limit >= QueueOptions.UnboundedConcurrencyLimit ? "unbounded" : Int(limit);

    /// <summary>A status badge; <c>data-run-status</c> is what scripts and tests wait on.</summary>
    public static string Status(TaskRunStatus status) =>
        $"<span class=\"badge status-{status.ToString().ToLowerInvariant()}\" data-run-status=\"{status}\">{status}</span>";

    public static string Tags(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? "" : string.Concat(tags.Select(tag => $"<span class=\"tag\">{E(tag)}</span>"));

    public static string Machine(Machine machine) =>
        $"<span class=\"machine\" title=\"{Number(machine.Cpu())} vCPU, {Number(machine.MemoryGb())} GB\">{E(machine.ToPresetName())}</span>";

    public static string Truncate(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "…";
}
