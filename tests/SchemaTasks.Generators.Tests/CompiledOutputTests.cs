using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The generated code compiled and loaded for real: the definitions carry the resolved config, the invoker calls
/// the method with its services, and the registration wires what the contract says. (Reflection is how this test
/// reads a compilation it built at run time; the generated code itself uses none.)
/// </summary>
public sealed class CompiledOutputTests
{
    [Fact]
    public void Calendars_definitions_carry_ids_queue_machine_and_retry()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain)));

        var all = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Calendars.CalendarsTasks", "All");

        Assert.Equal(["calendars.ensure-default-calendars", "calendars.backfill-google-calendar-events"], all.Select(t => t.Id));
        Assert.Equal("calendars.ensure-default-calendars", assembly.Type("SchemaTasks.Sample.Calendars.CalendarsTasks").GetField("EnsureDefaultCalendarsId")!.GetRawConstantValue());
        var sharedRetry = new RetryOptions { MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x };
        foreach (var task in all)
        {
            Assert.Equal(new QueueOptions("calendars", 10), task.Queue);
            Assert.Null(task.Schedule);
        }

        Assert.Equal(Machine.Small2x, all[0].Machine);
        Assert.Equal(sharedRetry, all[0].Retry);
        Assert.Equal(Machine.Medium1x, all[1].Machine); // the method's [TaskMachine] wins
        Assert.Equal(sharedRetry with { OutOfMemoryMachine = Machine.Medium2x }, all[1].Retry); // and its [TaskRetry]
        Assert.Equal("EnsureDefaultCalendarsPayload", all[0].PayloadType.Name);
    }

    [Fact]
    public void Tasks_that_resolve_to_the_same_queue_or_retry_policy_share_one_instance_and_others_do_not()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.BillingDomain)));

        // Both calendars tasks take the shared config's queue; the backfill task overrides the retry policy's
        // OutOfMemoryMachine, so its policy is its own.
        var calendars = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Calendars.CalendarsTasks", "All");
        Assert.Same(calendars[0].Queue, calendars[1].Queue);
        Assert.NotSame(calendars[0].Retry, calendars[1].Retry);

        // The billing domain's scheduled and triggered tasks share one config type: one queue and one retry policy.
        var billing = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Billing.MonthlyProrationTasks", "All");
        Assert.Same(billing[0].Queue, billing[1].Queue);
        Assert.Same(billing[0].Retry, billing[1].Retry);
        Assert.NotSame(calendars[0].Queue, billing[0].Queue);
    }

    [Fact]
    public void Webhooks_and_billing_definitions_carry_their_config()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.WebhooksDomain, ReferenceDomains.BillingDomain)));

        var deliver = Assert.Single(assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Webhooks.WebhooksTasks", "All"));
        Assert.Equal("webhook.deliver", deliver.Id);
        Assert.Equal(new QueueOptions("webhook-delivery", 20), deliver.Queue);
        Assert.Equal(Machine.Small2x, deliver.Machine);
        Assert.Equal(
            new RetryOptions { MaxAttempts = 3, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x },
            deliver.Retry);
        Assert.Null(deliver.Description);

        var billing = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Billing.MonthlyProrationTasks", "All");
        var team = billing.Single(t => t.Id == "billing.monthly-proration.team");
        var schedule = billing.Single(t => t.Id == "billing.monthly-proration.schedule");
        Assert.Equal(new QueueOptions("monthly-proration", 5), team.Queue);
        Assert.Equal(new QueueOptions("monthly-proration", 5), schedule.Queue);
        Assert.Equal(new ScheduleOptions("0 0 1 * *", "UTC", SkipIfActive: false), schedule.Schedule);
        Assert.Equal(typeof(ScheduledRun), schedule.PayloadType);
        Assert.Equal(
            new RetryOptions { MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1_000, MaxTimeoutInMs = 60_000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x },
            team.Retry);
        Assert.Equal(Machine.Small2x, team.Machine);
    }

    [Fact]
    public void Task_without_config_gets_the_runtime_defaults_and_keeps_its_description()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Edge;
            public sealed record PingPayload(int Value);
            public sealed class PingTaskService
            {
                [SchemaTask("ping.defaults", Description = "Answers with the defaults.")]
                public Task PingAsync(PingPayload payload) => Task.CompletedTask;
            }
            """));

        var ping = Assert.Single(assembly.Static<IReadOnlyList<TaskDefinition>>("Edge.PingTasks", "All"));
        Assert.Equal(QueueOptions.ForTask("ping.defaults"), ping.Queue);
        Assert.Equal(Machine.Small1x, ping.Machine);
        Assert.Equal(RetryOptions.Default, ping.Retry);
        Assert.Equal("Answers with the defaults.", ping.Description); // the reference domains set none
    }

    [Fact]
    public async Task Invoker_resolves_the_service_and_its_parameters_from_the_run_scope()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain)));
        var repositoryType = assembly.Type("SchemaTasks.Sample.Calendars.InMemoryCalendarRepository");
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(assembly.Type("SchemaTasks.Sample.Calendars.ICalendarRepository"), repositoryType)
            .AddScoped(assembly.Type("SchemaTasks.Sample.Calendars.CalendarsTaskService"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();

        var ensure = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Calendars.CalendarsTasks", "All")[0];
        var payload = Activator.CreateInstance(ensure.PayloadType, 42)!;
        await ensure.InvokeAsync(scope.ServiceProvider, payload, new TaskRunContext("run-1", ensure.Id, 1, Machine.Small2x, []), TestContext.Current.CancellationToken);

        var repository = scope.ServiceProvider.GetRequiredService(assembly.Type("SchemaTasks.Sample.Calendars.ICalendarRepository"));
        var calendars = (IReadOnlyCollection<string>)repositoryType.GetMethod("CalendarsOf")!.Invoke(repository, [42])!;
        Assert.Equal(["Personal", "Work"], calendars);
    }

    [Fact]
    public async Task Definitions_list_their_required_services_and_the_invoker_names_one_it_cannot_resolve()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain)));
        var repositoryType = assembly.Type("SchemaTasks.Sample.Calendars.ICalendarRepository");
        var ensure = assembly.Static<IReadOnlyList<TaskDefinition>>("SchemaTasks.Sample.Calendars.CalendarsTasks", "All")[0];

        // What the host checks at start.
        Assert.Equal([new TaskServiceParameter("calendars", repositoryType)], ensure.ServiceParameters);

        // What an attempt meets when the check could not run: a non-retried error naming task, parameter and type.
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddScoped(assembly.Type("SchemaTasks.Sample.Calendars.CalendarsTaskService"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var payload = Activator.CreateInstance(ensure.PayloadType, 42)!;
        var error = await Assert.ThrowsAsync<TaskServiceResolutionException>(() =>
            ensure.InvokeAsync(scope.ServiceProvider, payload, new TaskRunContext("run-1", ensure.Id, 1, Machine.Small2x, []), TestContext.Current.CancellationToken));

        Assert.Equal(new UnresolvedTaskService("calendars.ensure-default-calendars", "calendars", repositoryType), Assert.Single(error.Services));
        Assert.Contains("task 'calendars.ensure-default-calendars', parameter 'calendars' of type 'SchemaTasks.Sample.Calendars.ICalendarRepository'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_adds_definitions_service_taskers_and_validators_once()
    {
        using var assembly = CompiledAssembly.Load(GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain)));
        var register = assembly.Type("Microsoft.Extensions.DependencyInjection.CalendarsTaskerServiceCollectionExtensions").GetMethod("AddCalendarsTasker")!;
        var services = new ServiceCollection();

        Assert.Same(services, register.Invoke(null, [services]));
        var countAfterFirstCall = services.Count;
        register.Invoke(null, [services]);

        Assert.Equal(countAfterFirstCall, services.Count);
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(TaskDefinition)));
        Assert.Contains(services, d => d.ServiceType == assembly.Type("SchemaTasks.Sample.Calendars.CalendarsTaskService") && d.Lifetime == ServiceLifetime.Scoped);
        Assert.Contains(services, d => d.ServiceType == assembly.Type("SchemaTasks.Sample.Calendars.ICalendarsTasker") && d.Lifetime == ServiceLifetime.Singleton);
        foreach (var name in new[] { "CalendarsTasker", "CalendarsTriggerTasker", "CalendarsSyncTasker" })
        {
            Assert.Contains(services, d => d.ServiceType == assembly.Type("SchemaTasks.Sample.Calendars." + name) && d.Lifetime == ServiceLifetime.Singleton);
        }

        var validators = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)).ToArray();
        Assert.Equal(
            ["BackfillGoogleCalendarEventsPayloadValidator", "EnsureDefaultCalendarsPayloadValidator"],
            validators.Select(d => d.ImplementationType!.Name).Order(StringComparer.Ordinal));
        Assert.All(validators, d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }
}
