namespace SchemaTasks;

/// <summary>Rejects trigger options no backend can honour, before anything is validated or stored.</summary>
internal static class TriggerOptionsGuard
{
    public static readonly TriggerOptions None = new();

    public static TriggerOptions Check(TriggerOptions? options)
    {
        if (options is null)
        {
            return None;
        }

        if (options.MaxAttempts is { } maxAttempts)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1, "options.MaxAttempts");
        }

        if (options.Delay is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, "options.Delay");
        }

        if (options.Ttl is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, "options.Ttl");
        }

        if (options.IdempotencyKeyTtl is { } keyTtl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keyTtl, TimeSpan.Zero, "options.IdempotencyKeyTtl");
        }

        if (options.MaxDuration is { } maxDuration)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxDuration, TimeSpan.FromSeconds(1), "options.MaxDuration");
        }

        if (options.Machine is { } machine && !Enum.IsDefined(machine))
        {
            throw new ArgumentOutOfRangeException("options.Machine", machine, "Unknown machine preset.");
        }

        return options;
    }
}
