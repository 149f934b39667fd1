namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>
/// Builds the test code of the STK01xx rule and code-fix tests: the usings a SchemaTasks user writes, a payload
/// with its validator, and the code under test, so each test shows only what it is about.
/// </summary>
public static class TaskSource
{
    /// <summary>The usings of every test file.</summary>
    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using FluentValidation;
        using SchemaTasks;

        namespace Acme;

        """;

    /// <summary>A validated payload, <c>PingPayload</c>, that tests use when the payload is not the point.</summary>
    public const string Payload = """

        public sealed record PingPayload(int Id);

        public sealed class PingPayloadValidator : AbstractValidator<PingPayload>
        {
        }

        """;

    /// <summary>A shared config with every attribute the pattern wants (so only the rule under test speaks).</summary>
    public const string FullConfig = """

        [TaskQueue("ping", ConcurrencyLimit = 10)]
        [TaskMachine(Machine.Small2x)]
        [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Medium1x)]
        public static class PingTaskConfig;

        """;

    /// <summary>The usings, the payload and <paramref name="code"/>.</summary>
    public static string With(string code) => Usings + Payload + code;

    /// <summary>The usings, the payload, a full shared config and <paramref name="code"/>.</summary>
    public static string WithConfig(string code) => Usings + Payload + FullConfig + code;
}
