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
    public async Task A_static_field_or_property_is_built_once_per_process_and_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                private static readonly IPdfRenderer SharedRenderer = new PdfRenderer();
                private static ReportEngine? Engine { get; set; }
                private readonly IPdfRenderer {|STK0105:_instanceRenderer|} = new PdfRenderer();
            """));
    }

    [Fact]
    public async Task A_heavy_service_resolved_in_a_base_constructor_argument_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig(Heavy + """
            public abstract class RendererHolder(IPdfRenderer renderer)
            {
                protected IPdfRenderer Renderer { get; } = renderer;
            }

            public sealed class PingTaskService : RendererHolder
            {
                public PingTaskService(IServiceProvider services, ILight light)
                    : base({|STK0105:(IPdfRenderer)services.GetService(typeof(IPdfRenderer))!|})
                {
                }

                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_heavy_service_resolved_in_a_primary_constructor_base_argument_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig(Heavy + """
            public abstract class RendererHolder(IPdfRenderer renderer, ILight light)
            {
                protected IPdfRenderer Renderer { get; } = renderer;
            }

            public static class Resolve
            {
                public static T Required<T>(IServiceProvider services) => (T)services.GetService(typeof(T))!;
            }

            public sealed class PingTaskService(IServiceProvider services, ILight light)
                : RendererHolder({|STK0105:Resolve.Required<IPdfRenderer>(services)|}, light)
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_heavy_parameter_passed_on_to_the_base_constructor_is_reported_once_where_it_is_declared()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig(Heavy + """
            public abstract class RendererHolder(IPdfRenderer renderer)
            {
                protected IPdfRenderer Renderer { get; } = renderer;
            }

            public sealed class PingTaskService(IPdfRenderer {|STK0105:renderer|}) : RendererHolder(renderer)
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Theory]
    [InlineData("IEnumerable<IPdfRenderer>")]
    [InlineData("IReadOnlyList<IPdfRenderer>")]
    [InlineData("IPdfRenderer[]")]
    [InlineData("List<ExcelReportEngine>")]
    [InlineData("IEnumerable<IPdfRenderer[]>")]
    public async Task A_sequence_or_an_array_of_a_heavy_type_is_reported(string type)
    {
        await Verify.VerifyAnalyzerAsync(WithCollections(Service("", $"public sealed class PingTaskService({type} {{|STK0105:renderers|}})")));
    }

    [Theory]
    [InlineData("Lazy<IPdfRenderer[]>")]
    [InlineData("Func<IEnumerable<IPdfRenderer>>")]
    [InlineData("IEnumerable<ILight>")]
    public async Task A_lazy_or_light_sequence_is_not_reported(string type)
    {
        await Verify.VerifyAnalyzerAsync(WithCollections(Service("", $"public sealed class PingTaskService({type} renderers)")));
    }

    private static string WithCollections(string source) =>
        source.Replace("using System;", "using System;\nusing System.Collections.Generic;", StringComparison.Ordinal);

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
