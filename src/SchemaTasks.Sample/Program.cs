// The SchemaTasks sample: the pattern's reference domains (calendars, webhooks, billing proration) on the
// in-process backend, or on Quartz.NET + PostgreSQL when ConnectionStrings:SchemaTasks is configured
// (environment: ConnectionStrings__SchemaTasks). It triggers a few runs, prints how each ended, and exits 0.
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchemaTasks;
using SchemaTasks.Sample.Billing;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

var builder = Host.CreateApplicationBuilder(args);
// Retries log a warning with the exception; the sample prints each run's story itself instead.
builder.Logging.SetMinimumLevel(LogLevel.Error);

// One line per domain: the generated Add<Domain>Tasker() registers the taskers, the task service,
// the validators and the task definitions. The domain's own services are the application's.
var schemaTasks = builder.Services.AddSchemaTasks();
if (builder.Configuration["ConnectionStrings:SchemaTasks"] is { Length: > 0 } connectionString)
{
    // Durable and clustered: start several copies of the sample against one database and they share the work.
    schemaTasks.UseQuartz(options => options.ConnectionString = connectionString);
}

builder.Services.AddCalendarsTasker().AddSingleton<ICalendarRepository, InMemoryCalendarRepository>();
builder.Services.AddWebhooksTasker().AddSingleton<IWebhookSender, SimulatedWebhookSender>();
builder.Services.AddMonthlyProrationTasker().AddSingleton<IBillingRepository, InMemoryBillingRepository>();

using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (OptionsValidationException ex)
{
    // A bad ENABLE_ASYNC_TASKER (or another invalid option) stops the host at start, and says why.
    Console.Error.WriteLine($"SchemaTasks sample cannot start: {ex.Message}");
    return 2;
}

var calendars = host.Services.GetRequiredService<ICalendarsTasker>();
var webhooks = host.Services.GetRequiredService<IWebhooksTasker>();
var runs = host.Services.GetRequiredService<ITaskRuns>();
var trigger = host.Services.GetRequiredService<ITaskTrigger>();
var mode = host.Services.GetRequiredService<TaskerContext>().Mode;
Console.WriteLine($"SchemaTasks sample: taskers are {mode} (ENABLE_ASYNC_TASKER), backend {host.Services.GetRequiredService<SchemaTasks.Backends.ITaskBackend>().GetType().Name}.");

var handles = new List<TaskRunHandle>
{
    await calendars.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(UserId: 1)),
    await calendars.BackfillGoogleCalendarEventsAsync(new BackfillGoogleCalendarEventsPayload(UserId: 1, Days: 30)),
    await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://hooks.example.com/ok", "booking.created", "{}")),
    // Fails twice, then succeeds: the retry policy (3 attempts, 500 ms x 1.8^n, jittered) fires.
    await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://flaky.example.com/hook", "booking.created", "{}")),
};

// A payload that breaks its schema is refused at the trigger: nothing is enqueued.
try
{
    await calendars.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(UserId: 0));
}
catch (ValidationException ex)
{
    Console.WriteLine($"refused   calendars.ensure-default-calendars: {string.Join("; ", ex.Errors.Select(e => e.ErrorMessage))}");
}

// Scheduled tasks fire from their cron; the sample runs this month's occurrence now.
var firstOfMonth = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
handles.Add(await trigger.TriggerAsync(
    MonthlyProrationTasks.Schedule,
    new ScheduledRun(MonthlyProrationTasks.ScheduleId, firstOfMonth, null, "UTC", []),
    options: null,
    CancellationToken.None));

var failures = 0;
foreach (var handle in handles)
{
    var run = await runs.WaitForCompletionAsync(handle.RunId, TimeSpan.FromSeconds(30));
    Console.WriteLine($"{run.Status,-9} {run.TaskId} after {run.Attempts} attempt(s) on {run.Machine.ToPresetName()}{(run.Status == TaskRunStatus.Completed ? "" : $" ({run.Error})")}");
    failures += run.Status == TaskRunStatus.Completed ? 0 : 1;
}

// The schedule fanned out one proration per team; wait for those too.
// (A durable store keeps earlier runs of the sample too: only this run's fan-out is waited for, by creation time.)
var startedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
foreach (var run in (await runs.ListAsync(new TaskRunQuery { TaskId = MonthlyProrationTasks.ProrateTeamId })).Where(run => run.CreatedAt >= startedAt))
{
    var done = await runs.WaitForCompletionAsync(run.RunId, TimeSpan.FromSeconds(30));
    Console.WriteLine($"{done.Status,-9} {done.TaskId} [{string.Join(", ", done.Tags)}]");
    failures += done.Status == TaskRunStatus.Completed ? 0 : 1;
}

var repository = host.Services.GetRequiredService<ICalendarRepository>();
Console.WriteLine($"user 1 now has calendars: {string.Join(", ", repository.CalendarsOf(1))}");

await host.StopAsync();
return failures == 0 ? 0 : 1;
