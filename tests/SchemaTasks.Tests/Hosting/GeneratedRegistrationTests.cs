using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hosting;

/// <summary>
/// <see cref="GeneratedRegistration"/>'s calls in a generated <c>Add&lt;Domain&gt;Tasker</c>: each registers what the
/// longer <c>TryAdd*</c> calls it replaces registered, once however often the registration runs.
/// </summary>
public sealed class GeneratedRegistrationTests
{
    [Fact]
    public void AddTaskers_registers_each_tasker_once_as_a_singleton_and_the_interface_as_the_tasker()
    {
        var services = new ServiceCollection();

        GeneratedRegistration.AddTaskers<TriggerSide, SyncSide, DomainTasker, IDomainTasker>(services);
        GeneratedRegistration.AddTaskers<TriggerSide, SyncSide, DomainTasker, IDomainTasker>(services);

        Assert.Equal(
            [typeof(TriggerSide), typeof(SyncSide), typeof(DomainTasker), typeof(IDomainTasker)],
            services.Select(descriptor => descriptor.ServiceType));
        Assert.All(services, descriptor => Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime));
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<DomainTasker>(), provider.GetRequiredService<IDomainTasker>());
        Assert.Same(provider.GetRequiredService<TriggerSide>(), provider.GetRequiredService<TriggerSide>());
    }

    [Fact]
    public void AddValidator_registers_the_validator_of_the_tasks_payload_once_as_scoped()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var services = new ServiceCollection();

        GeneratedRegistration.AddValidator(services, task, typeof(TestPayloadValidator));
        GeneratedRegistration.AddValidator(services, task, typeof(TestPayloadValidator));

        var descriptor = Assert.Single(services);
        Assert.Equal((typeof(IValidator<TestPayload>), typeof(TestPayloadValidator), ServiceLifetime.Scoped), (descriptor.ServiceType, descriptor.ImplementationType, descriptor.Lifetime));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var validator = Assert.Single(scope.ServiceProvider.GetServices<IValidator<TestPayload>>());
        Assert.False(validator.Validate(new TestPayload(0)).IsValid);
    }

    [Fact]
    public void AddValidator_refuses_a_validator_of_another_payload_and_registers_nothing()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => GeneratedRegistration.AddValidator(services, task, typeof(OtherPayloadValidator)));

        Assert.Equal("validatorType", error.ParamName);
        Assert.Empty(services);
    }

    public interface IDomainTasker;

    public sealed class DomainTasker : IDomainTasker;

    public sealed class TriggerSide;

    public sealed class SyncSide;

    public sealed record OtherPayload(string Name);

    public sealed class OtherPayloadValidator : AbstractValidator<OtherPayload>;
}
