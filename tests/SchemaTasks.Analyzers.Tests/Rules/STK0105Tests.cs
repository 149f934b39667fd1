using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.HeavyDependencyTakenEagerlyAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0105: a heavy dependency taken by a task service's constructor, field or property.</summary>
public sealed class STK0105Tests
{
    private const string Heavy = """

        [HeavyDependency]
        public interface IPdfRenderer { byte[] Render(int id); }

        public sealed class PdfRenderer : IPdfRenderer { public byte[] Render(int id) => []; }

        [HeavyDependency]
        public class ReportEngine { }

        public sealed class ExcelReportEngine : ReportEngine { }

        public interface ILight { }

        """;

    private static string Service(string members, string header = "public sealed class PingTaskService") => TaskSource.WithConfig(Heavy + $$"""
        {{header}}
        {
        {{members}}

            [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
            public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """);

    [Fact]
    public async Task A_primary_constructor_parameter_of_a_heavy_interface_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("", "public sealed class PingTaskService(IPdfRenderer {|STK0105:renderer|}, ILight light)"));
    }

    [Fact]
    public async Task Constructor_parameters_fields_properties_and_initializers_are_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                private readonly IPdfRenderer {|STK0105:_renderer|};
                private readonly object _engine = {|STK0105:new ExcelReportEngine()|};
                private readonly ILight? _light;

                public PingTaskService(IPdfRenderer {|STK0105:renderer|}, ILight light)
                {
                    _renderer = renderer;
                    _light = light;
                }

                public ReportEngine? {|STK0105:Engine|} { get; init; }
            """));
    }

    [Fact]
    public async Task A_type_derived_from_a_heavy_class_or_implementing_a_heavy_interface_is_heavy()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                private readonly ExcelReportEngine {|STK0105:_excel|} = new();
                private readonly PdfRenderer {|STK0105:_pdf|} = new();
            """));
    }

    [Fact]
    public async Task Lazy_access_is_fine()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                private readonly Lazy<IPdfRenderer> _renderer;
                private readonly Func<ReportEngine> _engine;
                private readonly IServiceProvider _services;

                public PingTaskService(Lazy<IPdfRenderer> renderer, Func<ReportEngine> engine, IServiceProvider services)
                {
                    _renderer = renderer;
                    _engine = engine;
                    _services = services;
                }

                private IPdfRenderer Renderer => _renderer.Value;

                public Task RenderAsync(IPdfRenderer renderer) => Task.CompletedTask;
            """));
    }

    [Fact]
    public async Task A_class_that_declares_no_task_is_not_checked()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig(Heavy + """
            public sealed class ReportService(IPdfRenderer renderer)
            {
                public byte[] Render() => renderer.Render(1);
            }
            """));
    }

    [Fact]
    public async Task Types_listed_in_editorconfig_are_heavy()
    {
        var test = new Verify.Test
        {
            TestCode = Service("""
                private readonly System.Net.Http.HttpClient {|STK0105:_http|} = new();
                private readonly ILight? {|STK0105:_light|};
            """),
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            schematasks.heavy_dependencies = System.Net.Http.HttpClient, Acme.ILight
            """));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Types_listed_in_a_globalconfig_are_heavy()
    {
        var test = new Verify.Test
        {
            TestCode = Service("", "public sealed class PingTaskService(ILight {|STK0105:light|})"),
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            schematasks.heavy_dependencies = global::Acme.ILight
            """));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
