using SchemaTasks;

namespace SchemaTasks.Sample.Billing;

/// <summary>Proration is background work: a narrow queue is enough.</summary>
[TaskQueue("monthly-proration", ConcurrencyLimit = 5)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1_000, MaxTimeoutInMs = 60_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class MonthlyProrationTaskConfig;
