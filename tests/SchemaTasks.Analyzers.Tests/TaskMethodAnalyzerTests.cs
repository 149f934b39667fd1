using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>
/// The task method rules run in a build through one analyzer, <see cref="TaskMethodAnalyzer"/>, which reads each
/// method once; their tests run each rule alone. These tests hold the two together: the shipped analyzer runs every
/// rule, once, and reports exactly what the rules report one by one.
/// </summary>
public sealed class TaskMethodAnalyzerTests
{
    // One task per rule to break, and a few that break several: every task method rule reports at least once, the
    // compilation-end ones (STK0003, STK0007 on a shared config) included.
    private const string TasksBreakingEveryRule = """
        using System.IO;
        using System.Threading.Tasks;
        using FluentValidation;
        using SchemaTasks;

        namespace Acme;

        public sealed record PingPayload(int Id);
        public sealed class PingPayloadValidator : AbstractValidator<PingPayload>;
        public sealed record CustomerPayload(string Name);
        public sealed class CustomerPayloadValidator : AbstractValidator<CustomerPayload>;
        public sealed record UnvalidatedPayload(int Id);
        public sealed class LostPayload { public int Id { get; set; } public string Currency { get; private set; } = "EUR"; }
        public sealed class LostPayloadValidator : AbstractValidator<LostPayload>;

        [TaskQueue("shared", ConcurrencyLimit = 10)]
        [TaskMachine(Machine.Small2x)]
        [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Small1x)]
        public static class SmallerOutOfMemoryConfig;

        public sealed class MixedTaskService
        {
            [SchemaTask("mixed.hidden")]
            private Task HiddenAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("Bad_Id")]
            public Task BadIdAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.twice")]
            public Task FirstAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.twice")]
            public Task SecondAsync(PingPayload payload) => Task.CompletedTask;

            [ScheduledTask("mixed.cron", Cron = "every hour")]
            public Task CronAsync(ScheduledRun run) => Task.CompletedTask;

            [ScheduledTask("mixed.zone", Cron = "0 * * * *", TimeZone = "Mars/Olympus")]
            public Task ZoneAsync(ScheduledRun run) => Task.CompletedTask;

            [SchemaTask("mixed.oom")]
            [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Small1x)]
            public Task OutOfMemoryAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.shared", Config = typeof(SmallerOutOfMemoryConfig))]
            public Task SharedAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.stream")]
            public Task StreamAsync(Stream payload) => Task.CompletedTask;

            [SchemaTask("mixed.no-oom")]
            [TaskRetry(MaxAttempts = 3)]
            public Task NoOutOfMemoryAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.unvalidated")]
            public Task UnvalidatedAsync(UnvalidatedPayload payload) => Task.CompletedTask;

            [SchemaTask("mixed.customer")]
            public Task CustomerAsync(PingPayload payload, CustomerPayload customer) => Task.CompletedTask;

            [SchemaTask("mixed.lost")]
            public Task LostAsync(LostPayload payload) => Task.CompletedTask;
        }
        """;

    [Fact]
    public void Every_task_method_rule_runs_once_in_the_shipped_analyzer_and_no_rule_is_shipped_alone()
    {
        var ruleTypes = AllRules().Select(rule => rule.GetType().FullName!).Order(StringComparer.Ordinal).ToArray();
        var dispatched = TaskMethodAnalyzer.Rules.Select(rule => rule.GetType().FullName!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(14, ruleTypes.Length);
        Assert.Equal(ruleTypes, dispatched);
        // What the compiler loads (every type carrying [DiagnosticAnalyzer]): a rule loaded alone as well would report
        // each of its diagnostics twice.
        Assert.Contains(AllAnalyzersTest.Analyzers, analyzer => analyzer is TaskMethodAnalyzer);
        Assert.DoesNotContain(AllAnalyzersTest.Analyzers, analyzer => analyzer is TaskMethodRule);
        Assert.Equal(
            TaskMethodAnalyzer.Rules.SelectMany(rule => rule.SupportedDiagnostics),
            new TaskMethodAnalyzer().SupportedDiagnostics);
    }

    [Fact]
    public async Task The_shipped_analyzer_reports_exactly_what_each_task_method_rule_reports_alone()
    {
        var compilation = Compile(TasksBreakingEveryRule);

        var alone = new List<string>();
        foreach (var rule in AllRules())
        {
            var reported = await AnalyzeAsync(compilation, rule);
            Assert.True(reported.Length > 0, $"{rule.GetType().Name} reports nothing on the sample: it no longer shows that the rule runs");
            alone.AddRange(reported);
        }

        var shipped = await AnalyzeAsync(compilation, new TaskMethodAnalyzer());

        Assert.Equal(alone.Order(StringComparer.Ordinal), shipped.Order(StringComparer.Ordinal));
    }

    // Every task method rule of the assembly, found by its base type rather than read from the dispatcher's list, so
    // that a rule left out of the list fails both tests.
    private static TaskMethodRule[] AllRules() =>
    [
        .. typeof(TaskMethodRule).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(TaskMethodRule)) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (TaskMethodRule)Activator.CreateInstance(type)!),
    ];

    private static Compilation Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Dispatched",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestCompilationSetup.LanguageVersion), path: "Tasks.cs", cancellationToken: TestContext.Current.CancellationToken)],
            TestCompilationSetup.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    // Each diagnostic as everything a user or a code fix reads of it: id, severity, location, message, additional
    // locations and properties.
    private static async Task<string[]> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        Assert.Empty(exceptions);
        return [.. diagnostics.Select(Describe)];
    }

    private static string Describe(Diagnostic diagnostic) =>
        diagnostic.Id + " " + diagnostic.Severity + " " + diagnostic.Location.GetLineSpan() + " " +
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture) +
        " | also at " + string.Join(", ", diagnostic.AdditionalLocations.Select(location => location.GetLineSpan().ToString())) +
        " | " + string.Join(", ", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
