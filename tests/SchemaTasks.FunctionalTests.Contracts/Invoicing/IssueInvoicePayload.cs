namespace SchemaTasks.FunctionalTests.Contracts.Invoicing;

/// <summary>The payload of the invoicing task, declared in the Contracts project.</summary>
/// <param name="CustomerId">The customer billed; positive.</param>
/// <param name="AmountInCents">The amount; positive.</param>
public sealed record IssueInvoicePayload(int CustomerId, long AmountInCents);
