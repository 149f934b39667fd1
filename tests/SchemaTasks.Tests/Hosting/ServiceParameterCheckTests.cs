using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hosting;

/// <summary>
/// A run-method service parameter that DI cannot resolve is a setup error: the host's start names every one (task,
/// parameter, type), and an attempt that meets one fails its run at once instead of retrying for minutes.
/// Definitions are written as the generator writes them: <c>serviceParameters</c> and <c>TaskServices.GetRequired</c>.
/// </summary>
public sealed class ServiceParameterCheckTests
{
    [Fact]
    public async Task The_start_fails_naming_every_task_parameter_and_type_that_nothing_registers()
    {
        var send = SendInvoice();
        var remind = new TaskDefinition<TestPayload>(
            TestTasks.UniqueId("remind"),
            (_, _, _, _) => Task.CompletedTask,
            serviceParameters: [TaskServiceParameter.Of<IMailer>("mailer"), TaskServiceParameter.Of<IClock>("clock")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IClock, Clock>();
        builder.Services.AddSchemaTasks().AddTask(send).AddTask(remind);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<TaskServiceResolutionException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            [
                new UnresolvedTaskService(remind.Id, "mailer", typeof(IMailer)),
                new UnresolvedTaskService(send.Id, "customer", typeof(CustomerPayload)),
            ],
            error.Services.OrderBy(service => service.TaskId, StringComparer.Ordinal));
        Assert.Contains($"task '{send.Id}', parameter 'customer' of type 'SchemaTasks.Tests.Hosting.CustomerPayload'", error.Message);
        Assert.Contains($"task '{remind.Id}', parameter 'mailer' of type 'SchemaTasks.Tests.Hosting.IMailer'", error.Message);
        Assert.DoesNotContain("'clock'", error.Message); // registered
        Assert.Contains("move it into the task's payload", error.Message);
    }

    [Fact]
    public async Task The_start_succeeds_once_every_service_parameter_is_registered()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddScoped<CustomerPayload>(_ => new CustomerPayload("registered"));
        builder.Services.AddSchemaTasks().AddTask(SendInvoice());
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_unregistered_service_parameter_fails_the_run_after_one_attempt_despite_its_retry_config()
    {
        var task = SendInvoice();
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, TestContext.Current.CancellationToken);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Contains($"task '{task.Id}', parameter 'customer' of type 'SchemaTasks.Tests.Hosting.CustomerPayload' cannot be resolved from DI", run.Error);
    }

    [Fact]
    public async Task A_service_whose_own_dependency_is_missing_fails_the_run_after_one_attempt()
    {
        var task = Requiring<IMailer>("mail", "mailer");
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IMailer, SmtpMailer>(), tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, TestContext.Current.CancellationToken);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Contains("parameter 'mailer' of type 'SchemaTasks.Tests.Hosting.IMailer' cannot be resolved from DI", run.Error);
        Assert.Contains(nameof(IClock), run.Error); // the container's own words: what SmtpMailer lacks
    }

    [Fact]
    public async Task A_factory_that_throws_is_an_ordinary_failure_and_is_retried()
    {
        var task = Requiring<IMailer>("flaky", "mailer");
        await using var runtime = TestRuntime.Create(
            services => services.AddScoped<IMailer>(_ => throw new InvalidOperationException("SMTP server unreachable")), tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, TestContext.Current.CancellationToken);
        var run = await runtime.WaitForAsync(handle.RunId, info => info.Attempts == 1 && info.Status != TaskRunStatus.Executing);

        Assert.Equal(TaskRunStatus.Queued, run.Status);
        Assert.Contains("SMTP server unreachable", run.Error);
    }

    // The shape: SendInvoiceAsync(SendInvoicePayload payload, CustomerPayload customer, CancellationToken).
    private static TaskDefinition<TestPayload> SendInvoice() => Requiring<CustomerPayload>("send", "customer");

    private static TaskDefinition<TestPayload> Requiring<T>(string name, string parameter)
        where T : notnull
    {
        var id = TestTasks.UniqueId(name);
        return new TaskDefinition<TestPayload>(
            id,
            (services, _, _, _) =>
            {
                TaskServices.GetRequired<T>(services, id, parameter);
                return Task.CompletedTask;
            },
            retry: TestTasks.NoJitter(maxAttempts: 5),
            serviceParameters: [TaskServiceParameter.Of<T>(parameter)]);
    }
}

public sealed record CustomerPayload(string Name);

public interface IMailer;

public interface IClock;

internal sealed class Clock : IClock;

internal sealed class SmtpMailer(IClock clock) : IMailer
{
    public IClock Clock { get; } = clock;
}
