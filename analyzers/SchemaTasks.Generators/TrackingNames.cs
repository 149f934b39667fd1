namespace SchemaTasks.Generators;

/// <summary>
/// Names of the generator's pipeline steps, so that tests can assert each is cached after an unrelated edit.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The <c>[SchemaTask]</c> methods, parsed.</summary>
    public const string SchemaTasks = nameof(SchemaTasks);

    /// <summary>The <c>[ScheduledTask]</c> methods, parsed.</summary>
    public const string ScheduledTasks = nameof(ScheduledTasks);

    /// <summary>Every task, collected.</summary>
    public const string AllTasks = nameof(AllTasks);

    /// <summary>The tasks grouped by declaring class.</summary>
    public const string Domains = nameof(Domains);

    /// <summary>Each domain with the validators of its payloads: what is emitted.</summary>
    public const string DomainSources = nameof(DomainSources);

    /// <summary>Every name above.</summary>
    public static readonly string[] All = [SchemaTasks, ScheduledTasks, AllTasks, Domains, DomainSources];
}
