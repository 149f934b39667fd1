using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Sample.Billing;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.FunctionalTests;

/// <summary>
/// A started host with the three reference domains registered exactly as an application does, on a
/// <see cref="FakeTimeProvider"/> so that retry delays pass when the test says so.
/// </summary>
internal sealed class DomainHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DomainHost(IHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public ITaskRuns Runs => Services.GetRequiredService<ITaskRuns>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<DomainHost> StartAsync(string asyncTasker = "true", Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ENABLE_ASYNC_TASKER"] = asyncTasker });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddCalendarsTasker().AddSingleton<ICalendarRepository, InMemoryCalendarRepository>();
        builder.Services.AddWebhooksTasker().AddSingleton<IWebhookSender, SimulatedWebhookSender>();
        builder.Services.AddMonthlyProrationTasker().AddSingleton<IBillingRepository, InMemoryBillingRepository>();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new DomainHost(host, time);
    }

    /// <summary>
    /// Waits for the run to end, moving the fake clock to each retry's due time when the run is waiting for it.
    /// </summary>
    public async Task<TaskRunInfo> CompleteAsync(string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var run = await Runs.GetAsync(runId, TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException($"Run {runId} is unknown.");
            if (run.Status.IsFinal())
            {
                return run;
            }

            if (run.DelayUntil is { } due && due > Time.GetUtcNow())
            {
                Time.Advance(due - Time.GetUtcNow());
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Run {runId} did not end within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
