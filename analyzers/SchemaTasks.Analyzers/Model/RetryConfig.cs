using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// A task's <c>[TaskRetry]</c>, merged as the generator merges it: each property from the method's attribute when it
/// writes it, else from the config type's, else the default; every value keeps the location of the argument that set it.
/// </summary>
internal sealed class RetryConfig : TaskConfigAttribute
{
    /// <summary>Default of <c>MaxAttempts</c>.</summary>
    public const int DefaultMaxAttempts = SchemaTasks.Roslyn.RetryConfig.DefaultMaxAttempts;

    /// <summary>Default of <c>Factor</c>.</summary>
    public const double DefaultFactor = SchemaTasks.Roslyn.RetryConfig.DefaultFactor;

    /// <summary>Default of <c>MinTimeoutInMs</c>.</summary>
    public const int DefaultMinTimeoutInMs = SchemaTasks.Roslyn.RetryConfig.DefaultMinTimeoutInMs;

    /// <summary>Default of <c>MaxTimeoutInMs</c>.</summary>
    public const int DefaultMaxTimeoutInMs = SchemaTasks.Roslyn.RetryConfig.DefaultMaxTimeoutInMs;

    /// <summary>Default of <c>Randomize</c>.</summary>
    public const bool DefaultRandomize = SchemaTasks.Roslyn.RetryConfig.DefaultRandomize;

    private RetryConfig(ConfigAttributeSyntax attributes)
        : base(attributes)
    {
    }

    public ConfigValue<int> MaxAttempts { get; private set; }

    public ConfigValue<double> Factor { get; private set; }

    public ConfigValue<int> MinTimeoutInMs { get; private set; }

    public ConfigValue<int> MaxTimeoutInMs { get; private set; }

    public ConfigValue<bool> Randomize { get; private set; }

    /// <summary>The out-of-memory machine; explicit only when written (on the method or the config type).</summary>
    public ConfigValue<int?> OutOfMemoryMachine { get; private set; }

    public bool HasOutOfMemoryMachine => OutOfMemoryMachine.IsExplicit;

    /// <summary>The task's config of this kind, merged from the method and its config type; null when neither sets it.</summary>
    public static RetryConfig? ForTask(IMethodSymbol method, INamedTypeSymbol? configType, CancellationToken cancellationToken) =>
        Read(ConfigAttributeSyntax.Read(method, configType, SchemaTasks.Roslyn.WellKnownNames.TaskRetryAttribute, cancellationToken));

    /// <summary>The config of these attributes; null when there is none.</summary>
    public static RetryConfig? Read(ConfigAttributeSyntax attributes)
    {
        if (attributes.Closest.Attribute is null)
        {
            return null;
        }

        var oom = ConfigValues.Named(attributes, "OutOfMemoryMachine", 0);
        return new RetryConfig(attributes)
        {
            MaxAttempts = ConfigValues.Named(attributes, "MaxAttempts", DefaultMaxAttempts),
            Factor = ConfigValues.Named(attributes, "Factor", DefaultFactor),
            MinTimeoutInMs = ConfigValues.Named(attributes, "MinTimeoutInMs", DefaultMinTimeoutInMs),
            MaxTimeoutInMs = ConfigValues.Named(attributes, "MaxTimeoutInMs", DefaultMaxTimeoutInMs),
            Randomize = ConfigValues.Named(attributes, "Randomize", DefaultRandomize),
            OutOfMemoryMachine = oom.IsExplicit ? new ConfigValue<int?>(oom.Value, true, oom.Location) : ConfigValue<int?>.Default(null),
        };
    }
}
