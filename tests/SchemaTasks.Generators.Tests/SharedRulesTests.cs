using Microsoft.CodeAnalysis;
using SchemaTasks.Generators.Emitting;
using SchemaTasks.Generators.Tests.Infrastructure;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Tests;

/// <summary>The helpers in analyzers/Shared that the analyzers reuse, and the literal writer.</summary>
public sealed class SharedRulesTests
{
    [Theory]
    [InlineData("calendars.ensure-default-calendars", true)]
    [InlineData("webhook.deliver", true)]
    [InlineData("billing.monthly-proration.schedule", true)]
    [InlineData("a", true)]
    [InlineData("a1.b2-c3", true)]
    [InlineData("", false)]
    [InlineData("Calendars.ensure", false)]
    [InlineData("calendars..ensure", false)]
    [InlineData("calendars.-ensure", false)]
    [InlineData(".calendars", false)]
    [InlineData("calendars.", false)]
    [InlineData("calendars_ensure", false)]
    [InlineData("calendars ensure", false)]
    [InlineData("calendars/ensure", false)]
    public void Task_id_rule_matches_the_documented_pattern(string id, bool valid)
    {
        Assert.Equal(valid, TaskIdRules.IsValid(id));
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(id, TaskIdRules.Pattern));
    }

    [Fact]
    public void Task_id_rule_allows_128_characters_and_no_more()
    {
        Assert.True(TaskIdRules.IsValid(new string('a', 128)));
        Assert.False(TaskIdRules.IsValid(new string('a', 129)));
        Assert.False(TaskIdRules.IsValid(null));
    }

    [Theory]
    [InlineData("CalendarsTaskService", "Calendars")]
    [InlineData("ReportsService", "Reports")]
    [InlineData("Mailer", "Mailer")]
    [InlineData("TaskService", "Task")]
    [InlineData("Service", "Service")]
    public void Domain_is_the_class_name_less_its_suffix(string className, string domain) =>
        Assert.Equal(domain, TaskNaming.GetDomainName(className));

    [Theory]
    [InlineData("EnsureDefaultCalendarsAsync", "EnsureDefaultCalendars", "EnsureDefaultCalendarsAsync", "EnsureDefaultCalendarsId")]
    [InlineData("Deliver", "Deliver", "DeliverAsync", "DeliverId")]
    [InlineData("Async", "Async", "Async", "AsyncId")]
    public void Generated_member_names_strip_or_append_Async(string method, string member, string taskerMethod, string idConstant)
    {
        Assert.Equal(member, TaskNaming.GetMemberName(method));
        Assert.Equal(taskerMethod, TaskNaming.GetTaskerMethodName(method));
        Assert.Equal(idConstant, TaskNaming.GetIdConstantName(method));
    }

    [Theory]
    [InlineData(1.8, "1.8d")]
    [InlineData(2.0, "2d")]
    [InlineData(0.1, "0.1d")]
    [InlineData(1e21, "1E+21d")]
    [InlineData(double.NaN, "double.NaN")]
    [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
    public void Doubles_are_written_round_trippable_and_culture_invariant(double value, string literal)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The tests run with invariant globalization: a clone with a comma separator stands for a French culture.
            var commaCulture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            commaCulture.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = commaCulture;
            Assert.Equal(literal, CSharpText.Literal(value));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(0, "global::SchemaTasks.Machine.Micro")]
    [InlineData(3, "global::SchemaTasks.Machine.Medium1x")]
    [InlineData(6, "global::SchemaTasks.Machine.Large2x")]
    [InlineData(42, "(global::SchemaTasks.Machine)42")]
    public void Machines_are_written_by_member_name(int value, string literal) =>
        Assert.Equal(literal, CSharpText.Machine(value));

    [Fact]
    public void Machine_names_match_the_runtime_enum()
    {
        foreach (var machine in Enum.GetValues<Machine>())
        {
            Assert.Equal(machine.ToString(), MachineNames.GetName((int)machine));
        }

        Assert.Equal((int)MachineExtensions.Default, MachineNames.Default);
        Assert.Null(MachineNames.GetName(Enum.GetValues<Machine>().Length));
    }

    [Fact]
    public void Retry_defaults_match_the_runtime()
    {
        var defaults = RetryConfig.Default;
        Assert.Equal(RetryOptions.DefaultMaxAttempts, defaults.MaxAttempts);
        Assert.Equal(RetryOptions.DefaultFactor, defaults.Factor);
        Assert.Equal(RetryOptions.DefaultMinTimeoutInMs, defaults.MinTimeoutInMs);
        Assert.Equal(RetryOptions.DefaultMaxTimeoutInMs, defaults.MaxTimeoutInMs);
        Assert.Equal(RetryOptions.DefaultRandomize, defaults.Randomize);
        Assert.Null(defaults.OutOfMemoryMachine);
        Assert.Equal(QueueOptions.UnboundedConcurrencyLimit, QueueConfig.DefaultConcurrencyLimit);
        Assert.Equal(QueueConfig.DefaultConcurrencyLimit, new TaskQueueAttribute("q").ConcurrencyLimit);
    }

    [Theory]
    [InlineData("System.Threading.Tasks.Task", true)]
    [InlineData("System.Threading.Tasks.ValueTask", true)]
    [InlineData("System.Threading.Task", false)]
    [InlineData("Threading.Tasks.Task", false)]
    [InlineData("Tasks.Task", false)]
    [InlineData("Task", false)]
    [InlineData("XSystem.Threading.Tasks.Task", false)]
    public void Metadata_name_test_matches_whole_namespaces_only(string name, bool matchesTask)
    {
        var compilation = GeneratorHarness.CreateCompilation("class C { }");
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task")!;
        var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask")!;

        Assert.Equal(matchesTask, SymbolNames.Is(task, name) || SymbolNames.Is(valueTask, name));
    }

    [Fact]
    public void Config_reader_resolves_method_attributes_over_the_config_type_and_says_where_each_came_from()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings + """
            [TaskQueue("shared", ConcurrencyLimit = 3)]
            [TaskMachine(Machine.Large1x)]
            public static class Config;

            public sealed class C
            {
                [SchemaTask("c.m", Config = typeof(Config))]
                [TaskRetry(Factor = 1.5, OutOfMemoryMachine = Machine.Large2x)]
                public Task M(int payload) => Task.CompletedTask;
            }
            """);
        var method = compilation.GetTypeByMetadataName("C")!.GetMembers("M").OfType<IMethodSymbol>().Single();

        Assert.True(TaskConfigReader.TryReadTaskAttribute(method.GetAttributes()[0], out var values));
        Assert.True(TaskConfigReader.TryResolve(method, values!.ConfigType, out var config));

        Assert.Equal(new QueueConfig("shared", 3, 0), config!.Queue);
        Assert.Equal(ConfigSource.ConfigType, config.QueueSource);
        Assert.Equal(5, config.Machine);
        Assert.Equal(ConfigSource.ConfigType, config.MachineSource);
        Assert.Equal(RetryConfig.Default with { Factor = 1.5, OutOfMemoryMachine = 6 }, config.Retry);
        Assert.Equal(ConfigSource.Method, config.RetrySource);
    }

    [Theory]
    [InlineData("public sealed record P(int Id, string Name);")]
    [InlineData("public record P(global::System.Guid Id, string? Name, int[] Values) { }")]
    [InlineData("public sealed record P(int Value);")]
    [InlineData("public sealed record P();")]
    [InlineData("public sealed record P;")]
    [InlineData("public sealed partial record P(int Id, System.Collections.Generic.List<string> Tags);")]
    public void A_plain_positional_record_is_known_from_its_syntax_to_cross_as_JSON(string declaration)
    {
        var payload = GeneratorHarness.CreateCompilation(declaration).GetTypeByMetadataName("P")!;

        Assert.True(PlainRecordPayloads.IsPlain(payload));
        Assert.Equal(PayloadProblem.None, PayloadRules.GetProblem(payload));
    }

    [Theory]
    [InlineData("public sealed record P(int Id) { public P() : this(0) { } }", "None")] // a body member: the full rule
    [InlineData("public sealed record P([property: System.Text.Json.Serialization.JsonIgnore] int Id);", "None")]
    [InlineData("public abstract record P(int Id);", "AbstractWithoutPolymorphism")]
    [InlineData("public record B(int Id); public sealed record P(int Id) : B(Id);", "None")]
    [InlineData("public sealed record P(int Id, int ToString);", "UnboundConstructorParameter")] // a record member's name: no property
    [InlineData("public sealed record P(int Id, int p);", "None")]
    [InlineData("public sealed record P(Id Id); public sealed record Id(int Value);", "None")] // a lone name may be an alias of P
    [InlineData("public sealed record P(P Other);", "NoUsableConstructor")] // the primary constructor is the copy constructor's twin
    [InlineData("public sealed partial record P(int Id); public sealed partial record P { public P(string s) : this(0) { } }", "NoUsableConstructor")] // two public constructors
    [InlineData("public record struct P(int Id);", "None")]
    public void Any_other_record_is_left_to_the_full_rule(string declaration, string expected)
    {
        var payload = GeneratorHarness.CreateCompilation(declaration).GetTypeByMetadataName("P")!;

        Assert.False(PlainRecordPayloads.IsPlain(payload));
        Assert.Equal(expected, PayloadRules.GetProblem(payload).ToString());
    }
}
