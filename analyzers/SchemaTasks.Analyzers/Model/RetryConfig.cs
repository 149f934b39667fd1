using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// A <c>[TaskRetry(...)]</c> as written; unset values take the runtime's <c>RetryOptions.Default*</c>.
/// </summary>
internal sealed class RetryConfig : TaskConfigAttribute
{
    /// <summary>Default of <c>MaxAttempts</c> (<c>RetryOptions.DefaultMaxAttempts</c>).</summary>
    public const int DefaultMaxAttempts = SchemaTasks.Roslyn.RetryConfig.DefaultMaxAttempts;

    /// <summary>Default of <c>Factor</c>.</summary>
    public const double DefaultFactor = SchemaTasks.Roslyn.RetryConfig.DefaultFactor;

    /// <summary>Default of <c>MinTimeoutInMs</c>.</summary>
    public const int DefaultMinTimeoutInMs = SchemaTasks.Roslyn.RetryConfig.DefaultMinTimeoutInMs;

    /// <summary>Default of <c>MaxTimeoutInMs</c>.</summary>
    public const int DefaultMaxTimeoutInMs = SchemaTasks.Roslyn.RetryConfig.DefaultMaxTimeoutInMs;

    /// <summary>Default of <c>Randomize</c>.</summary>
    public const bool DefaultRandomize = SchemaTasks.Roslyn.RetryConfig.DefaultRandomize;

    private RetryConfig(AttributeData attribute, ConfigOrigin origin, ISymbol owner, Location? location)
        : base(attribute, origin, owner, location)
    {
    }

    /// <summary><c>MaxAttempts</c>.</summary>
    public ConfigValue<int> MaxAttempts { get; private set; }

    /// <summary><c>Factor</c>.</summary>
    public ConfigValue<double> Factor { get; private set; }

    /// <summary><c>MinTimeoutInMs</c>.</summary>
    public ConfigValue<int> MinTimeoutInMs { get; private set; }

    /// <summary><c>MaxTimeoutInMs</c>.</summary>
    public ConfigValue<int> MaxTimeoutInMs { get; private set; }

    /// <summary><c>Randomize</c>.</summary>
    public ConfigValue<bool> Randomize { get; private set; }

    /// <summary>
    /// <c>OutOfMemoryMachine</c> as a <c>Machine</c> value; null unless written explicitly (the property's
    /// CLR default, <c>Micro</c>, does not count as set).
    /// </summary>
    public ConfigValue<int?> OutOfMemoryMachine { get; private set; }

    /// <summary>Whether <c>OutOfMemoryMachine</c> is written explicitly.</summary>
    public bool HasOutOfMemoryMachine => OutOfMemoryMachine.IsExplicit;

    /// <summary>Reads a <c>[TaskRetry]</c> attribute.</summary>
    public static RetryConfig Read(AttributeData attribute, ConfigOrigin origin, ISymbol owner, CancellationToken cancellationToken)
    {
        var syntax = AttributeArguments.Syntax(attribute, cancellationToken);
        var oom = AttributeArguments.NamedValue(attribute, "OutOfMemoryMachine");
        return new RetryConfig(attribute, origin, owner, syntax?.GetLocation())
        {
            MaxAttempts = ConfigValues.Int(attribute, syntax, "MaxAttempts", DefaultMaxAttempts),
            Factor = ConfigValues.Double(attribute, syntax, "Factor", DefaultFactor),
            MinTimeoutInMs = ConfigValues.Int(attribute, syntax, "MinTimeoutInMs", DefaultMinTimeoutInMs),
            MaxTimeoutInMs = ConfigValues.Int(attribute, syntax, "MaxTimeoutInMs", DefaultMaxTimeoutInMs),
            Randomize = ConfigValues.Bool(attribute, syntax, "Randomize", DefaultRandomize),
            OutOfMemoryMachine = oom is { Value: int machine }
                ? new ConfigValue<int?>(machine, true, AttributeArguments.Named(syntax, "OutOfMemoryMachine"))
                : ConfigValue<int?>.Default(null),
        };
    }
}
