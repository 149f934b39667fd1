using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Sample.Billing;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Sample;

/// <summary>What both modes of the sample register: the runtime, its backend, and the three domains.</summary>
internal static class SampleServices
{
    public static IServiceCollection AddSampleDomains(this IServiceCollection services, IConfiguration configuration)
    {
        // The runtime and its backend: in process by default; durable and clustered on Quartz.NET + PostgreSQL when
        // configuration has ConnectionStrings:SchemaTasks (start several copies against one database: they share the work).
        var schemaTasks = services.AddSchemaTasks();
        if (configuration["ConnectionStrings:SchemaTasks"] is { Length: > 0 } connectionString)
        {
            schemaTasks.UseQuartz(options => options.ConnectionString = connectionString);
        }

        // One line per domain: the generated Add<Domain>Tasker() registers the taskers, the task service, the
        // validators and the task definitions. The domain's own services are the application's; the simulated
        // ones take a little time, as a real subscriber or database would.
        services.AddCalendarsTasker().AddSingleton<ICalendarRepository>(new InMemoryCalendarRepository { Latency = TimeSpan.FromMilliseconds(40) });
        services.AddWebhooksTasker().AddSingleton<IWebhookSender>(new SimulatedWebhookSender { Latency = TimeSpan.FromMilliseconds(120) });
        services.AddMonthlyProrationTasker().AddSingleton<IBillingRepository, InMemoryBillingRepository>();
        return services;
    }
}
