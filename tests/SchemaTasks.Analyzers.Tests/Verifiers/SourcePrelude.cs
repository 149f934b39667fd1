namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// The usings and a valid payload (with its validator) that rule tests put in front of the code under test,
/// so each test shows only what it is about.
/// </summary>
public static class SourcePrelude
{
    /// <summary>The usings every test file needs.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using FluentValidation;
        using SchemaTasks;

        """;

    /// <summary>A payload record, <c>PingPayload(int Id)</c>, and its validator.</summary>
    public const string Payload = """

        public sealed record PingPayload(int Id);

        public sealed class PingPayloadValidator : AbstractValidator<PingPayload>
        {
            public PingPayloadValidator() => RuleFor(p => p.Id).GreaterThan(0);
        }

        """;

    /// <summary>The usings and the payload, then <paramref name="code"/>.</summary>
    public static string With(string code) => Usings + code + Payload;
}
