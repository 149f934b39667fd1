namespace SchemaTasks.FunctionalTests.Invoicing;

/// <summary>The invoicing queue, machine and retry.</summary>
[TaskQueue("invoicing", ConcurrencyLimit = 5)]
[TaskMachine(Machine.Small1x)]
[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1_000, MaxTimeoutInMs = 10_000, OutOfMemoryMachine = Machine.Small2x)]
public static class InvoicingTaskConfig;
