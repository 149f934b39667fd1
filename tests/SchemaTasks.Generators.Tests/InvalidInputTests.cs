using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// Invalid input generates no task for that method (at most its tasker method, throwing, so that callers compile),
/// never an exception or a diagnostic from the generator, and the valid sibling task in the same class still generates.
/// </summary>
public sealed class InvalidInputTests
{
    private const string Prelude = GeneratorHarness.Usings + """
        using System.IO;
        using System.Text.Json.Serialization;

        namespace Edge;

        public sealed record PingPayload(int Value);
        public interface IShape { }
        public abstract class Animal { }
        [JsonPolymorphic]
        [JsonDerivedType(typeof(Dog), "dog")]
        public abstract class PolymorphicAnimal { }
        public sealed class Dog : PolymorphicAnimal { }
        public sealed class TwoConstructors { public TwoConstructors(int a) { } public TwoConstructors(string b) { } }
        public sealed class PrivateConstructor { private PrivateConstructor() { } }
        public sealed class UnboundConstructor(int identifier, string label) { public int Id { get; } = identifier; public string Name { get; } = label; }
        public sealed class Generic<T> { }

        """;

    private const string ValidSibling = """

            [SchemaTask("edge.valid-sibling")]
            public Task SiblingAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
        """;

    /// <summary>Methods whose shape (STK0001), id (STK0002) or payload (STK0008) the generator cannot use; they compile.</summary>
    public static TheoryData<string, string> CompilingInvalidMethods => new()
    {
        { "returns void", """[SchemaTask("edge.invalid")] public void InvalidAsync(PingPayload payload) { }""" },
        { "returns int", """[SchemaTask("edge.invalid")] public int InvalidAsync(PingPayload payload) => 0;""" },
        { "returns Task<int>", """[SchemaTask("edge.invalid")] public Task<int> InvalidAsync(PingPayload payload) => Task.FromResult(0);""" },
        { "returns ValueTask<int>", """[SchemaTask("edge.invalid")] public ValueTask<int> InvalidAsync(PingPayload payload) => default;""" },
        { "no payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync() => Task.CompletedTask;""" },
        { "generic method", """[SchemaTask("edge.invalid")] public Task InvalidAsync<T>(PingPayload payload) => Task.CompletedTask;""" },
        { "private method", """[SchemaTask("edge.invalid")] private Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "protected method", """[SchemaTask("edge.invalid")] protected Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "private protected method", """[SchemaTask("edge.invalid")] private protected Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "ref parameter", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, ref int count) => Task.CompletedTask;""" },
        { "out parameter", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, out int count) { count = 0; return Task.CompletedTask; }""" },
        { "in payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(in PingPayload payload) => Task.CompletedTask;""" },
        { "params service", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, params int[] values) => Task.CompletedTask;""" },
        { "dynamic service", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, dynamic service) => Task.CompletedTask;""" },
        { "nullable value service", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, int? service) => Task.CompletedTask;""" },
        { "scheduled without ScheduledRun", """[ScheduledTask("edge.invalid", Cron = "* * * * *")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "scheduled without parameters", """[ScheduledTask("edge.invalid", Cron = "* * * * *")] public Task InvalidAsync() => Task.CompletedTask;""" },
        { "upper-case id", """[SchemaTask("Edge.Invalid")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "double separator id", """[SchemaTask("edge..invalid")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "leading separator id", """[SchemaTask("-edge.invalid")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "trailing separator id", """[SchemaTask("edge.invalid-")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "empty id", """[SchemaTask("")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "id with a space", """[SchemaTask("edge.in valid")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "id with an underscore", """[SchemaTask("edge.in_valid")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "129-character id", "[SchemaTask(\"edge." + new string('a', 124) + "\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;" },
        { "null id", """[SchemaTask(null!)] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "object payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(object payload) => Task.CompletedTask;""" },
        { "dynamic payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(dynamic payload) => Task.CompletedTask;""" },
        { "interface payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(IShape payload) => Task.CompletedTask;""" },
        { "abstract payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(Animal payload) => Task.CompletedTask;""" },
        { "delegate payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(Func<int> payload) => Task.CompletedTask;""" },
        { "Stream payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(Stream payload) => Task.CompletedTask;""" },
        { "MemoryStream payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(MemoryStream payload) => Task.CompletedTask;""" },
        { "pointer payload", """[SchemaTask("edge.invalid")] public unsafe Task InvalidAsync(int* payload) => Task.CompletedTask;""" },
        { "payload with two constructors", """[SchemaTask("edge.invalid")] public Task InvalidAsync(TwoConstructors payload) => Task.CompletedTask;""" },
        { "payload with a private constructor", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PrivateConstructor payload) => Task.CompletedTask;""" },
        { "payload whose constructor parameters bind to no property", """[SchemaTask("edge.invalid")] public Task InvalidAsync(UnboundConstructor payload) => Task.CompletedTask;""" },
        { "nullable value payload", """[SchemaTask("edge.invalid")] public Task InvalidAsync(int? payload) => Task.CompletedTask;""" },
        { "member named All", """[SchemaTask("edge.invalid")] public Task AllAsync(PingPayload payload) => Task.CompletedTask;""" },
        { "member named ToString", """[SchemaTask("edge.invalid")] public Task ToStringAsync(PingPayload payload) => Task.CompletedTask;""" },
    };

    [Theory]
    [MemberData(nameof(CompilingInvalidMethods))]
    public void Invalid_method_emits_nothing_and_its_valid_sibling_still_generates(string why, string method)
    {
        var run = GeneratorHarness.Run(Prelude + "public class EdgeTaskService\n{\n    " + method + ValidSibling + "\n}\n");

        AssertOnlySiblingGenerated(run, why);
    }

    /// <summary>Invalid methods of invalid classes, and attributes the compiler rejects.</summary>
    public static TheoryData<string, string> BrokenSources => new()
    {
        { "attribute argument of the wrong type", """[SchemaTask(42)] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "no attribute argument", """[SchemaTask] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "config of a missing type", """[SchemaTask("edge.invalid", Config = typeof(Missing))] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "config not a type", """[SchemaTask("edge.invalid", Config = "nope")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "retry value of the wrong type", """[SchemaTask("edge.invalid")] [TaskRetry(MaxAttempts = "three")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "machine of the wrong type", """[SchemaTask("edge.invalid")] [TaskMachine("big")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "queue without a name", """[SchemaTask("edge.invalid")] [TaskQueue] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "two task attributes", """[SchemaTask("edge.invalid")] [SchemaTask("edge.invalid-2")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "payload of a missing type", """[SchemaTask("edge.invalid")] public Task InvalidAsync(MissingPayload payload) => Task.CompletedTask; }""" },
        { "service of a missing type", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, IMissingService service) => Task.CompletedTask; }""" },
        { "private nested payload", """private sealed record Hidden(int V); [SchemaTask("edge.invalid")] internal Task InvalidAsync(Hidden payload) => Task.CompletedTask; }""" },
        { "private nested service", """private interface IHidden { } [SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, IHidden hidden) => Task.CompletedTask; }""" },
        { "unfinished method", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, """ },
        { "unfinished attribute", """[SchemaTask(] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }""" },
        { "missing closing brace", """[SchemaTask("edge.invalid")] public Task InvalidAsync(PingPayload payload, Missing m) { return Task.CompletedTask; """ },
        { "task attribute on a local function", """public void M() { [SchemaTask("edge.invalid")] Task InvalidAsync(PingPayload payload) => Task.CompletedTask; } }""" },
        { "task attribute on a property", """[SchemaTask("edge.invalid")] public Task InvalidAsync { get; } = Task.CompletedTask; }""" },
        { "task attribute on a nested class", """[SchemaTask("edge.invalid")] public sealed class InvalidAsync { } }""" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public void Broken_source_never_throws_and_valid_siblings_still_generate(string why, string source)
    {
        // The valid sibling comes first: a broken member can swallow what follows it.
        var run = GeneratorHarness.RunOnBrokenSource(Prelude + "public sealed class EdgeTaskService\n{" + ValidSibling + "\n    " + source + "\n");

        AssertOnlySiblingGenerated(run, why);
    }

    public static TheoryData<string, string> InvalidClasses => new()
    {
        { "generic class", "public sealed class EdgeTaskService<T> { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }" },
        { "class nested in a generic class", "public sealed class Outer<T> { public sealed class EdgeTaskService { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; } }" },
        { "private nested class", "public sealed class Outer { private sealed class EdgeTaskService { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; } }" },
        { "struct", "public struct EdgeTaskService { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }" },
        { "interface", "public interface IEdgeTaskService { [SchemaTask(\"edge.invalid\")] Task InvalidAsync(PingPayload payload); }" },
        { "file-local class", "file sealed class EdgeTaskService { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }" },
        { "abstract method", "public abstract class EdgeTaskService { [SchemaTask(\"edge.invalid\")] public abstract Task InvalidAsync(PingPayload payload); }" },
        { "instance method of an abstract class", "public abstract class EdgeTaskService { [SchemaTask(\"edge.invalid\")] public Task InvalidAsync(PingPayload payload) => Task.CompletedTask; }" },
    };

    [Theory]
    [MemberData(nameof(InvalidClasses))]
    public void Task_in_a_class_the_generated_code_cannot_use_emits_nothing(string why, string source)
    {
        var run = GeneratorHarness.Run(Prelude + source);

        Assert.True(run.Sources.IsEmpty, $"{why}: generated {string.Join(", ", run.HintNames)}");
    }

    [Fact]
    public void Polymorphic_abstract_payload_is_accepted()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed class EdgeTaskService
            {
                [SchemaTask("edge.animal")]
                public Task FeedAsync(PolymorphicAnimal payload) => Task.CompletedTask;

                [SchemaTask("edge.list")]
                public Task CountAsync(IReadOnlyList<int> payload) => Task.CompletedTask;
            }
            """);

        Assert.Contains("TaskDefinition<global::Edge.PolymorphicAnimal>", run.AllSources, StringComparison.Ordinal);
        Assert.Contains("TaskDefinition<global::System.Collections.Generic.IReadOnlyList<int>>", run.AllSources, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_whose_generated_names_collide_emit_nothing_and_the_others_still_generate()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed class EdgeTaskService
            {
                [SchemaTask("edge.colliding-one")]
                public Task Sync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("edge.colliding-two")]
                public Task SyncAsync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("edge.colliding-three")]
                public Task Ping(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("edge.colliding-four")]
                public Task PingId(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("edge.kept")]
                public Task KeptAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var tasks = run.Source("Edge.EdgeTasks.g.cs");
        Assert.Contains("edge.kept", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("edge.colliding", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_classes_with_the_same_domain_emit_nothing_rather_than_clashing_types()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed class EdgeTaskService
            {
                [SchemaTask("edge.one")]
                public Task OneAsync(PingPayload payload) => Task.CompletedTask;
            }

            public sealed class EdgeService
            {
                [SchemaTask("edge.two")]
                public Task TwoAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        Assert.True(run.Sources.IsEmpty, string.Join(", ", run.HintNames));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[SchemaTask(")]
    [InlineData("class { [SchemaTask(\"a.b\")] Task M(")]
    [InlineData("namespace; [ScheduledTask(\"a.b\", Cron = )] public static Task M(ScheduledRun r)")]
    public void Garbage_source_generates_nothing_and_does_not_throw(string garbage)
    {
        var run = GeneratorHarness.RunOnBrokenSource(Prelude + garbage);

        Assert.True(run.Sources.IsEmpty, string.Join(", ", run.HintNames));
    }

    // The invalid task is not generated: no id, no definition, no dispatch. Only its tasker method may be kept, in
    // the file of unavailable methods, where it throws (so that callers compile; InvalidTaskKeepsItsTaskerMethodTests).
    [Fact]
    public void A_method_with_a_broken_parameter_list_keeps_only_its_throwing_tasker_method()
    {
        var run = GeneratorHarness.RunOnBrokenSource(Prelude + "public class C { [SchemaTask(\"a.b\")] public Task M(PingPayload p, $$$) => null; }");

        Assert.DoesNotContain("\"a.b\"", run.AllSources, StringComparison.Ordinal);
        Assert.Contains("throw new global::System.InvalidOperationException(\"The task method C.M is invalid", run.Source("Edge.ICTasker.Unavailable.g.cs"), StringComparison.Ordinal);
    }

    private static void AssertOnlySiblingGenerated(GeneratorRun run, string why)
    {
        var tasks = run.Source("Edge.EdgeTasks.g.cs");
        Assert.Contains("\"edge.valid-sibling\"", tasks, StringComparison.Ordinal);
        Assert.False(tasks.Contains("edge.invalid", StringComparison.Ordinal), $"{why}: the invalid task was generated.");
        foreach (var source in run.Sources.Where(source => source.HintName != UnavailableHintName))
        {
            Assert.False(source.SourceText.ToString().Contains("InvalidAsync", StringComparison.Ordinal), $"{why}: {source.HintName} uses the invalid task.");
        }

        if (run.Sources.FirstOrDefault(source => source.HintName == UnavailableHintName).SourceText is { } unavailable)
        {
            var text = unavailable.ToString();
            Assert.Contains(" InvalidAsync(", text, StringComparison.Ordinal);
            Assert.Contains("throw new global::System.InvalidOperationException(\"The task method EdgeTaskService.InvalidAsync is invalid", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sibling", text, StringComparison.Ordinal);
        }
    }

    private const string UnavailableHintName = "Edge.IEdgeTasker.Unavailable.g.cs";
}
