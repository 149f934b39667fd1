namespace SchemaTasks.Backends;

/// <summary>A validated run on its way to a backend. The payload is already JSON, as storage will hold it.</summary>
/// <param name="Task">The task.</param>
/// <param name="PayloadJson">The payload, serialized.</param>
/// <param name="Options">The trigger options (never null: empty when none were given).</param>
public sealed record TaskRunRequest(TaskDefinition Task, string PayloadJson, TriggerOptions Options);
