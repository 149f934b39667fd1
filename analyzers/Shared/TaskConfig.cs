using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>Where a task's queue, retry or machine config comes from.</summary>
internal enum ConfigSource
{
    /// <summary>Neither the method nor the config type sets it: runtime defaults apply.</summary>
    None = 0,

    /// <summary>The shared config type named by the task attribute's <c>Config</c>.</summary>
    ConfigType,

    /// <summary>An attribute on the task method itself, which overrides the config type's property by property.</summary>
    Method,
}

/// <summary>A resolved <c>[TaskQueue]</c>.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="ConcurrencyLimit">The limit per concurrency key; the attribute's default when unset.</param>
/// <param name="TotalConcurrencyLimit">The limit across keys; 0 for none.</param>
internal sealed record QueueConfig(string Name, int ConcurrencyLimit, int TotalConcurrencyLimit)
{
    /// <summary>The limit of a queue that sets none, as <c>QueueOptions.UnboundedConcurrencyLimit</c>.</summary>
    public const int DefaultConcurrencyLimit = 100_000;
}

/// <summary>A resolved <c>[TaskRetry]</c>: unset properties carry the attribute's defaults.</summary>
/// <param name="MaxAttempts">The most attempts, the first included.</param>
/// <param name="Factor">The exponential growth of the delay.</param>
/// <param name="MinTimeoutInMs">The first delay.</param>
/// <param name="MaxTimeoutInMs">The largest delay.</param>
/// <param name="Randomize">Whether delays are jittered.</param>
/// <param name="OutOfMemoryMachine">The machine value to retry on after out of memory; null unless written explicitly.</param>
internal sealed record RetryConfig(
    int MaxAttempts,
    double Factor,
    int MinTimeoutInMs,
    int MaxTimeoutInMs,
    bool Randomize,
    int? OutOfMemoryMachine)
{
    /// <summary>Default of <c>MaxAttempts</c>, as <c>RetryOptions.DefaultMaxAttempts</c>.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>Default of <c>Factor</c>, as <c>RetryOptions.DefaultFactor</c>.</summary>
    public const double DefaultFactor = 2;

    /// <summary>Default of <c>MinTimeoutInMs</c>, as <c>RetryOptions.DefaultMinTimeoutInMs</c>.</summary>
    public const int DefaultMinTimeoutInMs = 1000;

    /// <summary>Default of <c>MaxTimeoutInMs</c>, as <c>RetryOptions.DefaultMaxTimeoutInMs</c>.</summary>
    public const int DefaultMaxTimeoutInMs = 60000;

    /// <summary>Default of <c>Randomize</c>, as <c>RetryOptions.DefaultRandomize</c>.</summary>
    public const bool DefaultRandomize = true;

    /// <summary>The attribute's defaults, as <c>RetryOptions.Default*</c>.</summary>
    public static RetryConfig Default { get; } =
        new(DefaultMaxAttempts, DefaultFactor, DefaultMinTimeoutInMs, DefaultMaxTimeoutInMs, DefaultRandomize, null);
}

/// <summary>
/// The config of one task after resolution: each property from the method's attribute when it writes it, else from
/// the config type's, else the attribute's default. Plain values only, so that the generator can keep it in its
/// model and the analyzers can check ranges.
/// </summary>
/// <param name="Queue">The queue; null when none is configured.</param>
/// <param name="QueueSource">Where <paramref name="Queue"/> comes from.</param>
/// <param name="Retry">The retry policy; null when none is configured.</param>
/// <param name="RetrySource">Where <paramref name="Retry"/> comes from.</param>
/// <param name="Machine">The machine value; <see cref="MachineNames.Default"/> when none is configured.</param>
/// <param name="MachineSource">Where <paramref name="Machine"/> comes from.</param>
/// <param name="MaxDurationSeconds">The max duration of an attempt in seconds; null for none.</param>
/// <param name="MaxDurationSource">Where <paramref name="MaxDurationSeconds"/> comes from.</param>
internal sealed record TaskConfig(
    QueueConfig? Queue,
    ConfigSource QueueSource,
    RetryConfig? Retry,
    ConfigSource RetrySource,
    int Machine,
    ConfigSource MachineSource,
    int? MaxDurationSeconds,
    ConfigSource MaxDurationSource);

/// <summary>A config attribute of a task, on the method and on the config type (either or both null).</summary>
/// <param name="OnMethod">The attribute on the task method.</param>
/// <param name="OnConfigType">The attribute on the shared config type.</param>
internal readonly record struct ConfigAttributes(AttributeData? OnMethod, AttributeData? OnConfigType)
{
    /// <summary>Whether the method's attribute, the config type's, or none is the one written closest to the task.</summary>
    public ConfigSource Source => OnMethod is not null ? ConfigSource.Method : OnConfigType is not null ? ConfigSource.ConfigType : ConfigSource.None;
}
