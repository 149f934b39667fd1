using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.HeavyDependencyTakenEagerlyAnalyzer, SchemaTasks.CodeFixes.MoveHeavyDependencyCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0105 fix: move a heavy dependency from the service to the task methods that use it.</summary>
public sealed class MoveHeavyDependencyFixTests
{
    private const string Heavy = """

        [HeavyDependency]
        public interface IPdfRenderer { byte[] Render(int id); }

        public interface ILight { void Touch(); }

        """;

    private static string Code(string service) => TaskSource.WithConfig(Heavy + service);

    [Fact]
    public async Task A_primary_constructor_parameter_moves_to_the_task_that_uses_it()
    {
        await Fix.VerifyCodeFixAsync(
            Code("""
                public sealed class PingTaskService(IPdfRenderer {|STK0105:renderer|}, ILight light)
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
                    {
                        light.Touch();
                        renderer.Render(payload.Id);
                        return Task.CompletedTask;
                    }

                    [SchemaTask("ping.other", Config = typeof(PingTaskConfig))]
                    public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Code("""
                public sealed class PingTaskService(ILight light)
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, IPdfRenderer renderer, CancellationToken cancellationToken)
                    {
                        light.Touch();
                        renderer.Render(payload.Id);
                        return Task.CompletedTask;
                    }

                    [SchemaTask("ping.other", Config = typeof(PingTaskConfig))]
                    public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task A_primary_constructor_left_empty_is_removed()
    {
        await Fix.VerifyCodeFixAsync(
            Code("""
                public sealed class PingTaskService(IPdfRenderer {|STK0105:renderer|})
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(renderer.Render(payload.Id));
                }
                """),
            Code("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, IPdfRenderer renderer, CancellationToken cancellationToken) => Task.FromResult(renderer.Render(payload.Id));
                }
                """));
    }

    [Fact]
    public async Task A_constructor_parameter_and_the_field_it_fills_move_together()
    {
        var test = new Fix.Test
        {
            TestCode = Code("""
                public sealed class PingTaskService
                {
                    private readonly IPdfRenderer {|STK0105:_renderer|};
                    private readonly ILight _light;

                    public PingTaskService(IPdfRenderer {|STK0105:renderer|}, ILight light)
                    {
                        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
                        _light = light;
                    }

                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
                    {
                        _light.Touch();
                        return Task.FromResult(this._renderer.Render(_renderer.Render(payload.Id).Length));
                    }
                }
                """),
            FixedCode = Code("""
                public sealed class PingTaskService
                {
                    private readonly ILight _light;

                    public PingTaskService(ILight light)
                    {
                        _light = light;
                    }

                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, IPdfRenderer renderer, CancellationToken cancellationToken)
                    {
                        _light.Touch();
                        return Task.FromResult(renderer.Render(renderer.Render(payload.Id).Length));
                    }
                }
                """),
            NumberOfIncrementalIterations = 1,
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_field_with_an_initializer_becomes_a_parameter_and_an_existing_one_is_reused()
    {
        await Fix.VerifyCodeFixAsync(
            Code("""
                public sealed class PdfRenderer : IPdfRenderer { public byte[] Render(int id) => []; }

                public sealed class PingTaskService
                {
                    private readonly PdfRenderer {|STK0105:_pdfRenderer|} = new();

                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(_pdfRenderer.Render(1));

                    [SchemaTask("ping.other", Config = typeof(PingTaskConfig))]
                    public Task OtherAsync(PingPayload payload, PdfRenderer pdf, CancellationToken cancellationToken) => Task.FromResult(_pdfRenderer.Render(2));
                }
                """),
            Code("""
                public sealed class PdfRenderer : IPdfRenderer { public byte[] Render(int id) => []; }

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, PdfRenderer pdfRenderer, CancellationToken cancellationToken) => Task.FromResult(pdfRenderer.Render(1));

                    [SchemaTask("ping.other", Config = typeof(PingTaskConfig))]
                    public Task OtherAsync(PingPayload payload, PdfRenderer pdf, CancellationToken cancellationToken) => Task.FromResult(pdf.Render(2));
                }
                """));
    }

    [Fact]
    public async Task No_fix_is_offered_when_a_member_that_is_not_a_task_uses_the_dependency()
    {
        var source = Code("""
            public sealed class PingTaskService(IPdfRenderer {|STK0105:renderer|})
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(Render());

                private byte[] Render() => renderer.Render(1);
            }
            """);
        await Fix.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task A_heavy_initializer_of_a_lighter_field_moves_as_its_own_type()
    {
        await Fix.VerifyCodeFixAsync(
            Code("""
                public sealed class PdfRenderer : IPdfRenderer { public byte[] Render(int id) => []; }

                public sealed class PingTaskService
                {
                    private readonly object _renderer = {|STK0105:new PdfRenderer()|};

                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(_renderer.ToString());
                }
                """),
            Code("""
                public sealed class PdfRenderer : IPdfRenderer { public byte[] Render(int id) => []; }

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, PdfRenderer renderer, CancellationToken cancellationToken) => Task.FromResult(renderer.ToString());
                }
                """));
    }

    [Fact]
    public async Task A_sequence_of_a_heavy_type_moves_to_the_task_that_uses_it()
    {
        await Fix.VerifyCodeFixAsync(
            Code("""
                public sealed class PingTaskService(System.Collections.Generic.IEnumerable<IPdfRenderer> {|STK0105:renderers|})
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(renderers);
                }
                """),
            Code("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, System.Collections.Generic.IEnumerable<IPdfRenderer> renderers, CancellationToken cancellationToken) => Task.FromResult(renderers);
                }
                """));
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_base_constructor_argument()
    {
        var source = Code("""
            public abstract class RendererHolder(IPdfRenderer renderer)
            {
                protected IPdfRenderer Renderer { get; } = renderer;
            }

            public sealed class PingTaskService(IServiceProvider services)
                : RendererHolder({|STK0105:(IPdfRenderer)services.GetService(typeof(IPdfRenderer))!|})
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
        await Fix.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task A_static_field_is_left_as_it_is()
    {
        var source = Code("""
            public sealed class PingTaskService
            {
                private static readonly IPdfRenderer? Renderer = null;

                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.FromResult(Renderer);
            }
            """);
        await Fix.VerifyCodeFixAsync(source, source);
    }
}
