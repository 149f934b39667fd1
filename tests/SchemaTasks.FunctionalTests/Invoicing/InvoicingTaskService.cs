using System.Collections.Concurrent;
using SchemaTasks.FunctionalTests.Contracts.Invoicing;

namespace SchemaTasks.FunctionalTests.Invoicing;

/// <summary>
/// A task service whose payload and validator live in the referenced Contracts project: the generator registers
/// <c>IssueInvoicePayloadRules</c> for it, and STK0104 stays silent (this project builds with the analyzers and
/// warnings as errors).
/// </summary>
public sealed class InvoicingTaskService
{
    /// <summary>The invoices issued, by customer.</summary>
    public static ConcurrentDictionary<int, long> Issued { get; } = new();

    /// <summary>Issues one invoice.</summary>
    [SchemaTask("invoicing.issue-invoice", Config = typeof(InvoicingTaskConfig))]
    public Task IssueInvoiceAsync(IssueInvoicePayload payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Issued[payload.CustomerId] = payload.AmountInCents;
        return Task.CompletedTask;
    }
}
