using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SchemaTasks.Backends;
using SchemaTasks.Execution;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hosting;

public sealed class RegistrationTests
{
    [Fact]
    public void AddSchemaTasks_is_idempotent_and_applies_every_configure()
    {
        var services = new ServiceCollection();
        services.AddSchemaTasks(options => options.LogPayloads = true);
        var count = services.Count;
        services.AddSchemaTasks(options => options.FallbackToSync = false);

        Assert.Equal(count + 1, services.Count);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(ITaskTrigger));
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationFactory is not null
            && descriptor.ImplementationType is null && descriptor.ServiceKey is null);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SchemaTasksOptions>>().Value;
        Assert.True(options.LogPayloads);
        Assert.False(options.FallbackToSync);
    }

    [Fact]
    public void AddTask_registers_a_definition_once_per_instance()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var services = new ServiceCollection();
        services.AddSchemaTasks().AddTask(task).AddTask(task);
        services.AddSchemaTasks().AddTask(task);

        using var provider = services.BuildServiceProvider();
        Assert.Same(task, Assert.Single(provider.GetServices<TaskDefinition>()));
        Assert.Same(task, provider.GetRequiredService<TaskRegistry>().Find(task.Id));
    }

    [Fact]
    public void AddTasks_registers_each_definition_once_in_order_as_AddTask_does()
    {
        var first = TestTasks.Define((_, _, _, _) => Task.CompletedTask, id: "test.first");
        var second = TestTasks.Define((_, _, _, _) => Task.CompletedTask, id: "test.second");
        var services = new ServiceCollection();
        var builder = services.AddSchemaTasks().AddTask(second);

        Assert.Same(builder, builder.AddTasks([first, second]).AddTasks([first]));

        using var provider = services.BuildServiceProvider();
        Assert.Equal([second, first], provider.GetServices<TaskDefinition>());
    }

    [Fact]
    public async Task Two_different_definitions_with_one_id_fail_the_host_start()
    {
        var id = TestTasks.UniqueId("twice");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSchemaTasks()
            .AddTask(TestTasks.Define((_, _, _, _) => Task.CompletedTask, id))
            .AddTask(TestTasks.Define((_, _, _, _) => Task.CompletedTask, id));
        using var host = builder.Build();

        // Options validation or the registry, whichever the host touches first: either way the start fails.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains($"'{id}'", error.Message);
        Assert.Contains("unique", error.Message);
    }

    [Fact]
    public void One_queue_declared_with_two_limits_is_a_conflict()
    {
        var name = TestTasks.UniqueId("queue");
        var conflicts = TaskRegistry.FindConflicts([
            TestTasks.Define((_, _, _, _) => Task.CompletedTask, queue: new QueueOptions(name, 5)),
            TestTasks.Define((_, _, _, _) => Task.CompletedTask, queue: new QueueOptions(name, 10)),
        ]);

        Assert.Contains(name, Assert.Single(conflicts));
    }

    [Fact]
    public void The_time_provider_comes_from_the_container()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSchemaTasks();
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<ITaskRunStore>());
        Assert.Same(provider.GetRequiredService<ITaskRuns>(), provider.GetRequiredService<ITaskRunReader>());
    }
}
