using FluentValidation;

namespace SchemaTasks.FunctionalTests.Contracts.Invoicing;

/// <summary>
/// A team's own validator base, whose name does not contain "Validator": its validators are still found, since
/// they sit next to their payloads.
/// </summary>
/// <typeparam name="TPayload">The payload validated.</typeparam>
public abstract class PayloadRules<TPayload> : AbstractValidator<TPayload>;
