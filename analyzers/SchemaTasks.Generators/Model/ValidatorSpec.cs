using System;

namespace SchemaTasks.Generators.Model;

/// <summary>A FluentValidation validator found in the compilation: a class deriving <c>AbstractValidator&lt;P&gt;</c>.</summary>
/// <param name="ValidatorTypeName">The fully qualified validator class.</param>
/// <param name="PayloadTypeName">The fully qualified <c>P</c>.</param>
/// <param name="IsPublic">Whether the validator is visible outside its assembly (else CA1812 may flag it, see InstantiationSuppressionsEmitter).</param>
internal sealed record ValidatorSpec(string ValidatorTypeName, string PayloadTypeName, bool IsPublic = true) : IComparable<ValidatorSpec>
{
    /// <inheritdoc />
    public int CompareTo(ValidatorSpec? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPayload = string.CompareOrdinal(PayloadTypeName, other.PayloadTypeName);
        return byPayload != 0 ? byPayload : string.CompareOrdinal(ValidatorTypeName, other.ValidatorTypeName);
    }
}
