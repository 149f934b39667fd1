namespace SchemaTasks.Scheduling;

/// <summary>Finds the <see cref="TimeZoneInfo"/> of a schedule's IANA time zone id.</summary>
internal static class ScheduleTimeZones
{
    /// <summary>
    /// The zone with this IANA id. Throws <see cref="TimeZoneNotFoundException"/> naming the id when it is unknown.
    /// </summary>
    /// <param name="id">An IANA time zone id, e.g. <c>Europe/Paris</c> or <c>UTC</c>.</param>
    public static TimeZoneInfo Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        // UTC needs no lookup, and is the default of every schedule.
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(id, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        // Linux and macOS read IANA ids from tzdata whatever the globalization mode. Windows converts them to
        // Windows ids through ICU, which invariant globalization turns off: TimeZoneConverter's own mapping table
        // then does the conversion.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        if (TimeZoneConverter.TZConvert.TryGetTimeZoneInfo(id, out var zone))
        {
            return zone;
        }

        throw new TimeZoneNotFoundException($"The time zone '{id}' is not a known IANA time zone id.");
    }
}
