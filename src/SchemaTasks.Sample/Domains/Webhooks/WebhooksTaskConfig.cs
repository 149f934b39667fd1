using SchemaTasks;

namespace SchemaTasks.Sample.Webhooks;

/// <summary>
/// Webhook delivery is time-sensitive: a wider queue and short, quickly growing retries.
/// </summary>
[TaskQueue("webhook-delivery", ConcurrencyLimit = 20)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class WebhooksTaskConfig;
