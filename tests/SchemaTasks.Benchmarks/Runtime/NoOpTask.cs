namespace SchemaTasks.Benchmarks.Runtime;

/// <summary>The payload of <see cref="NoOpTask"/>: small, so that its JSON round trip is not what is measured.</summary>
/// <param name="Value">Any number.</param>
public sealed record NoOpPayload(int Value);

/// <summary>
/// A task that does nothing, written by hand as the generator would write it (an invoker delegate, no queue, the
/// default machine and retry): what remains to measure is the runtime's own cost per run.
/// </summary>
internal static class NoOpTask
{
    /// <summary>The task's id.</summary>
    public const string Id = "benchmarks.no-op";

    /// <summary>The definition both benchmarks register and run.</summary>
    public static TaskDefinition<NoOpPayload> Definition { get; } = new(
        id: Id,
        invoker: static (_, _, _, _) => Task.CompletedTask,
        description: "Does nothing.");
}
