using FluentValidation;

namespace SchemaTasks.Sample.Billing;

/// <summary>Prorates one team's seats for one month.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Month">The first day of the month, UTC.</param>
public sealed record ProrateTeamPayload(int TeamId, DateOnly Month);

/// <summary>Validates <see cref="ProrateTeamPayload"/>.</summary>
public sealed class ProrateTeamPayloadValidator : AbstractValidator<ProrateTeamPayload>
{
    /// <summary>The rules.</summary>
    public ProrateTeamPayloadValidator()
    {
        RuleFor(p => p.TeamId).GreaterThan(0);
        RuleFor(p => p.Month.Day).Equal(1).WithMessage("'Month' must be the first day of a month.");
    }
}
