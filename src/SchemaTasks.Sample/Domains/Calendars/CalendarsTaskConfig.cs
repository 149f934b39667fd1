using SchemaTasks;

namespace SchemaTasks.Sample.Calendars;

/// <summary>
/// The calendars domain's shared config, as the pattern's <c>trigger/config.ts</c>: one queue, one machine,
/// one retry policy, reused by every calendars task.
/// </summary>
[TaskQueue("calendars", ConcurrencyLimit = 10)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class CalendarsTaskConfig;
