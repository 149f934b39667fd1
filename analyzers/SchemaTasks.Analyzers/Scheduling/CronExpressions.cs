using System;
using Cronos;

namespace SchemaTasks.Analyzers.Scheduling;

/// <summary>
/// Checks a schedule's cron expression with Cronos in its 5-field format, the very parser and format the
/// runtime schedules with (<c>CronExpression.Parse(cron, CronFormat.Standard)</c>), so the build rejects
/// exactly what the host would fail to start with.
/// </summary>
internal static class CronExpressions
{
    /// <summary>Why <paramref name="cron"/> is not a valid schedule, or null when it is.</summary>
    public static string? Problem(string? cron)
    {
        if (cron is null || string.IsNullOrWhiteSpace(cron))
        {
            return "it is empty; a schedule has 5 fields: minute hour day-of-month month day-of-week";
        }

        var trimmed = cron.Trim();
        if (!trimmed.StartsWith("@", StringComparison.Ordinal))
        {
            // Cronos' own message for a wrong field count does not say how many fields it wants.
            var fields = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
            if (fields != 5)
            {
                return $"it has {fields} field{(fields == 1 ? "" : "s")}; a schedule has 5: minute hour day-of-month month day-of-week";
            }
        }

        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            // Cronos leads with a generic sentence; the part after it names the field and its range.
            const string Generic = "The given cron expression has an invalid format.";
            var message = ex.Message.StartsWith(Generic, StringComparison.Ordinal) && ex.Message.Length > Generic.Length
                ? ex.Message.Substring(Generic.Length).Trim()
                : ex.Message;
            return message.TrimEnd('.');
        }
    }
}
