using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>One value out of range: the argument, its value, the rule, and where it is written.</summary>
/// <param name="Name">The attribute property, e.g. <c>MaxAttempts</c>.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Requirement">What it must be, e.g. <c>between 1 and 250</c>.</param>
/// <param name="Location">The argument's expression.</param>
internal sealed record ConfigRangeViolation(string Name, string Value, string Requirement, Location Location);

/// <summary>
/// The ranges of config values (STK0006): the runtime rejects anything outside them, so the build does first.
/// Only values written explicitly are checked (defaults are in range), except that <c>MinTimeoutInMs</c> is
/// compared with <c>MaxTimeoutInMs</c> whether or not the latter is written.
/// </summary>
internal static class ConfigRanges
{
    /// <summary>The largest <c>MaxAttempts</c>.</summary>
    public const int MaxAttempts = 250;

    /// <summary>The violations of a <c>[TaskQueue]</c>.</summary>
    public static IEnumerable<ConfigRangeViolation> Check(QueueConfig queue)
    {
        if (queue.Name is { IsExplicit: true, Location: { } nameLocation } name && string.IsNullOrWhiteSpace(name.Value))
        {
            yield return new("Name", "'" + name.Value + "'", "a non-empty queue name", nameLocation);
        }

        var limit = queue.ConcurrencyLimit;
        var limitInRange = limit.Value is >= 1 and <= QueueConfig.UnboundedConcurrencyLimit;
        if (limit is { IsExplicit: true, Location: { } limitLocation } && !limitInRange)
        {
            yield return new("ConcurrencyLimit", Format(limit.Value), $"between 1 and {Format(QueueConfig.UnboundedConcurrencyLimit)}", limitLocation);
        }

        // A total cap below the per-key limit would make the per-key limit unreachable: either no cap (0), or a
        // cap from the per-key limit up to the largest limit.
        var total = queue.TotalConcurrencyLimit;
        if (total is { IsExplicit: true, Location: { } totalLocation } && total.Value != 0 &&
            (total.Value < 0 || total.Value > QueueConfig.UnboundedConcurrencyLimit || (limitInRange && total.Value < limit.Value)))
        {
            var lower = limitInRange ? limit.Value : 1;
            yield return new("TotalConcurrencyLimit", Format(total.Value),
                $"0 (no cap) or between ConcurrencyLimit ({Format(lower)}) and {Format(QueueConfig.UnboundedConcurrencyLimit)}", totalLocation);
        }
    }

    /// <summary>The violations of a <c>[TaskRetry]</c>.</summary>
    public static IEnumerable<ConfigRangeViolation> Check(RetryConfig retry)
    {
        if (retry.MaxAttempts is { IsExplicit: true, Location: { } attemptsLocation } attempts && attempts.Value is < 1 or > MaxAttempts)
        {
            yield return new("MaxAttempts", Format(attempts.Value), $"between 1 and {MaxAttempts}", attemptsLocation);
        }

        // NaN compares false with everything, and an infinite factor makes every delay the maximum: both rejected.
        if (retry.Factor is { IsExplicit: true, Location: { } factorLocation } factor &&
            !(factor.Value >= 1 && !double.IsInfinity(factor.Value)))
        {
            yield return new("Factor", Format(factor.Value), "a finite number of at least 1", factorLocation);
        }

        var min = retry.MinTimeoutInMs;
        var max = retry.MaxTimeoutInMs;
        if (min is { IsExplicit: true, Location: { } minLocation } && min.Value < 0)
        {
            yield return new("MinTimeoutInMs", Format(min.Value), "at least 0", minLocation);
        }
        else if (max is { IsExplicit: true, Location: { } maxLocation } && max.Value < 0)
        {
            yield return new("MaxTimeoutInMs", Format(max.Value), "at least 0", maxLocation);
        }
        else if (min.Value > max.Value)
        {
            // Point at the value the user wrote; when both are written, the maximum is the one that caps.
            if (max is { IsExplicit: true, Location: { } capLocation })
            {
                yield return new("MaxTimeoutInMs", Format(max.Value), $"at least MinTimeoutInMs ({Format(min.Value)})", capLocation);
            }
            else if (min is { IsExplicit: true, Location: { } floorLocation })
            {
                yield return new("MinTimeoutInMs", Format(min.Value), $"at most MaxTimeoutInMs ({Format(max.Value)}, the default)", floorLocation);
            }
        }
    }

    public static IEnumerable<ConfigRangeViolation> Check(MaxDurationConfig maxDuration)
    {
        if (maxDuration.Seconds is { IsExplicit: true, Location: { } location } seconds && seconds.Value < MaxDurationConfig.MinSeconds)
        {
            yield return new("max duration", Format(seconds.Value) + " s", "at least 1 second", location);
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Spelled out: the invariant culture writes infinity as "Infinity" or "∞" depending on the runtime.
    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
