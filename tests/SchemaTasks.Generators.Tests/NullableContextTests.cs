using Microsoft.CodeAnalysis;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The generated files keep nullable annotations on and nullable warnings off (the user's compiler skips their
/// nullable analysis, GeneratorHarness checks them with the warnings on): what a caller sees is the annotated API.
/// </summary>
public sealed class NullableContextTests
{
    [Fact]
    public void A_caller_passing_null_gets_a_warning_for_the_payload_and_none_for_the_options()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings + """
            namespace Edge;
            public sealed record PingPayload(int Value);
            public sealed class PingTaskService
            {
                [SchemaTask("ping.nullable")]
                public Task PingAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public static class Caller
            {
                public static Task CallAsync(IPingTasker tasker, PingSyncTasker sync) =>
                    Task.WhenAll(tasker.PingAsync(null, null), sync.PingAsync(new PingPayload(1), null));
            }
            """);
        var cancellationToken = TestContext.Current.CancellationToken;
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics, cancellationToken);
        Assert.Empty(driverDiagnostics);

        var nullable = output.GetDiagnostics(cancellationToken).Where(d => d.Id.StartsWith("CS86", StringComparison.Ordinal)).ToArray();

        // One warning: the payload of IPingTasker.PingAsync is not nullable; its options, and the sync tasker's, are.
        var warning = Assert.Single(nullable);
        Assert.Equal("CS8625", warning.Id);
        Assert.Equal("Source0.cs", warning.Location.SourceTree!.FilePath);
        var text = warning.Location.SourceTree.GetText(cancellationToken).ToString();
        Assert.Equal("null", text[warning.Location.SourceSpan.Start..warning.Location.SourceSpan.End]);
        Assert.Equal("Task.WhenAll(tasker.PingAsync(null", text[..warning.Location.SourceSpan.End].Split('\n')[^1].Trim());
    }
}
