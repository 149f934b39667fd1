using FluentValidation;

namespace SchemaTasks.FunctionalTests.Contracts.Invoicing;

/// <summary>The rules of <see cref="IssueInvoicePayload"/>.</summary>
public sealed class IssueInvoicePayloadRules : PayloadRules<IssueInvoicePayload>
{
    /// <summary>Creates the rules.</summary>
    public IssueInvoicePayloadRules()
    {
        RuleFor(payload => payload.CustomerId).GreaterThan(0);
        RuleFor(payload => payload.AmountInCents).GreaterThan(0);
    }
}
