using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.FunctionalTests.Contracts.Invoicing;
using SchemaTasks.FunctionalTests.Invoicing;

namespace SchemaTasks.FunctionalTests;

/// <summary>
/// Payloads and validators in one project (SchemaTasks.FunctionalTests.Contracts), task services in another (this
/// one): the generated registration names the Contracts project's validator, so an invalid payload is refused at
/// trigger time and a valid one runs.
/// </summary>
public sealed class ContractsProjectTests
{
    [Fact]
    public async Task An_invalid_payload_from_the_Contracts_project_is_refused_at_trigger_time_and_nothing_runs()
    {
        await using var host = await DomainHost.StartAsync(configure: services => services.AddInvoicingTasker());
        var tasker = host.Get<IInvoicingTasker>();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            tasker.IssueInvoiceAsync(new IssueInvoicePayload(0, -5), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(["AmountInCents", "CustomerId"], refused.Errors.Select(error => error.PropertyName).Order(StringComparer.Ordinal));
        Assert.Empty(await host.Runs.ListAsync(new TaskRunQuery { TaskId = InvoicingTasks.IssueInvoiceId }, TestContext.Current.CancellationToken));
        Assert.False(InvoicingTaskService.Issued.ContainsKey(0));
    }

    [Fact]
    public async Task A_valid_payload_from_the_Contracts_project_runs()
    {
        await using var host = await DomainHost.StartAsync(configure: services => services.AddInvoicingTasker());
        var tasker = host.Get<IInvoicingTasker>();

        var handle = await tasker.IssueInvoiceAsync(new IssueInvoicePayload(41, 12_500), cancellationToken: TestContext.Current.CancellationToken);
        var run = await host.CompleteAsync(handle.RunId);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(12_500, InvoicingTaskService.Issued[41]);
    }

    [Fact]
    public async Task The_generated_registration_names_the_validator_of_the_Contracts_project()
    {
        await using var host = await DomainHost.StartAsync(configure: services => services.AddInvoicingTasker());
        using var scope = host.Services.CreateScope();

        var validators = scope.ServiceProvider.GetServices<IValidator<IssueInvoicePayload>>().ToArray();

        Assert.IsType<IssueInvoicePayloadRules>(Assert.Single(validators));
    }
}
