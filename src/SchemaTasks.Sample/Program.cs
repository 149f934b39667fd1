// The SchemaTasks sample: the pattern's reference domains (calendars, webhooks, billing proration), on the
// in-process backend, or on Quartz.NET + PostgreSQL when ConnectionStrings:SchemaTasks is configured
// (environment: ConnectionStrings__SchemaTasks).
//
//   dotnet run --project src/SchemaTasks.Sample                  a burst of runs, followed live per queue, a summary; exits
//   dotnet run --project src/SchemaTasks.Sample -- --dashboard   the same domains with the dashboard and a trickle of runs, until Ctrl+C
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchemaTasks;
using SchemaTasks.Sample;
using SchemaTasks.Sample.Calendars;

if (args.Contains("--dashboard"))
{
    return await RunDashboardAsync(args.Where(a => a != "--dashboard").ToArray());
}

return await RunBurstAsync(args);

static async Task<int> RunBurstAsync(string[] args)
{
    var builder = Host.CreateApplicationBuilder(args);
    // Retries log a warning and a run that fails logs an error with the exception; the sample shows each queue's
    // progress and the outcome itself instead (two failures are part of the burst, by design).
    builder.Logging.SetMinimumLevel(LogLevel.Error).AddFilter("SchemaTasks.Execution", LogLevel.Critical);
    builder.Services.AddSampleDomains(builder.Configuration);

    using var host = builder.Build();
    if (!await TryStartAsync(host))
    {
        return 2;
    }

    var output = Console.Out;
    var runs = host.Services.GetRequiredService<ITaskRuns>();
    output.WriteLine($"SchemaTasks sample: taskers are {host.Services.GetRequiredService<TaskerContext>().Mode} (ENABLE_ASYNC_TASKER), "
        + $"backend {host.Services.GetRequiredService<SchemaTasks.Backends.ITaskBackend>().GetType().Name}.");
    var burstStartedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
    var triggered = await Burst.TriggerAsync(host.Services, output, CancellationToken.None);
    var progress = new ConsoleProgress(runs, [.. host.Services.GetServices<TaskDefinition>()], output);
    var ended = WaitForAllAsync(runs, triggered, burstStartedAt);
    await progress.FollowAsync(ended);
    var unexpected = await ended;
    await progress.SummaryAsync();
    await progress.AdviceAsync(DateTimeOffset.UtcNow);

    var repository = host.Services.GetRequiredService<ICalendarRepository>();
    output.WriteLine($"user 1 now has calendars: {string.Join(", ", repository.CalendarsOf(1))}");
    output.WriteLine(unexpected == 0
        ? "Every run ended as expected (the two deliveries to a subscriber that is down failed after their retries)."
        : $"{unexpected} run(s) did not end as expected.");
    await host.StopAsync();
    return unexpected == 0 ? 0 : 1;
}

static async Task<int> RunDashboardAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    // The trickle's flaky subscribers and the burst's down one fail by design: the dashboard shows them.
    builder.Logging.AddFilter("SchemaTasks", LogLevel.Critical);
    if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:5055");
    }

    builder.Services.AddSampleDomains(builder.Configuration);
    // The sample's payloads are made up: show them whatever the environment (the default shows them in Development only).
    builder.Services.AddSchemaTasksDashboard(options => options.ShowPayloads = true);
    builder.Services.AddHostedService<Trickle>();

    var app = builder.Build();
    app.MapGet("/", () => Results.Redirect("/schematasks"));
    app.MapSchemaTasksDashboard("/schematasks");
    if (!await TryStartAsync(app))
    {
        return 2;
    }

    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5055";
    Console.WriteLine($"SchemaTasks dashboard: {address.TrimEnd('/')}/schematasks  (local requests only; Ctrl+C to stop)");
    await Burst.TriggerAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping);
    await app.WaitForShutdownAsync();
    return 0;
}

static async Task<bool> TryStartAsync(IHost host)
{
    try
    {
        await host.StartAsync();
        return true;
    }
    catch (OptionsValidationException ex)
    {
        // A bad ENABLE_ASYNC_TASKER (or another invalid option) stops the host at start, and says why.
        Console.Error.WriteLine($"SchemaTasks sample cannot start: {ex.Message}");
        return false;
    }
}

static async Task<int> WaitForAllAsync(ITaskRuns runs, IReadOnlyList<SampleRun> triggered, DateTimeOffset burstStartedAt)
{
    var unexpected = 0;
    foreach (var run in triggered)
    {
        var ended = await runs.WaitForCompletionAsync(run.Handle.RunId, TimeSpan.FromSeconds(45));
        unexpected += (ended.Status == TaskRunStatus.Completed) == !run.ExpectFailure ? 0 : 1;
    }

    // The proration schedule fanned out one run per team: wait for those too. (A durable store also keeps the runs of
    // earlier sample runs: only this burst's fan-out is waited for, by creation time.)
    foreach (var team in await runs.ListAsync(new TaskRunQuery { TaskId = SchemaTasks.Sample.Billing.MonthlyProrationTasks.ProrateTeamId, From = burstStartedAt }))
    {
        var ended = await runs.WaitForCompletionAsync(team.RunId, TimeSpan.FromSeconds(45));
        unexpected += ended.Status == TaskRunStatus.Completed ? 0 : 1;
    }

    return unexpected;
}
