using FluentValidation;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>The payload of the side-by-side no-op workload: small, so that the runtimes' own costs are what is measured.</summary>
/// <param name="Sequence">The run's number in its batch.</param>
/// <param name="Tenant">A short string, so that validation and JSON have a string to look at too.</param>
public sealed record PingPayload(int Sequence, string Tenant);

/// <summary>Validates <see cref="PingPayload"/>: what a real payload's validator does at the least.</summary>
public sealed class PingPayloadValidator : AbstractValidator<PingPayload>
{
    /// <summary>The rules.</summary>
    public PingPayloadValidator()
    {
        RuleFor(p => p.Sequence).GreaterThanOrEqualTo(0);
        RuleFor(p => p.Tenant).NotEmpty().MaximumLength(64);
    }
}
