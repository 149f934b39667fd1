using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests.FirstError;

/// <summary>
/// A task the generator cannot generate (STK0001, STK0002, STK0008) keeps its tasker method on
/// <c>I&lt;Domain&gt;Tasker</c>, so that code calling it compiles: the STK error is the only error of the build, not
/// a CS0246 or CS1061 in the caller before it.
/// </summary>
public sealed class InvalidTaskKeepsItsTaskerMethodTests
{
    // What a user's code already calls: the interface, its method and the registration.
    private const string Caller = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;

        public static class Checkout
        {
            public static Task Send(IInvoicesTasker tasker) => tasker.SendInvoiceAsync(Payloads.Invoice());

            public static IServiceCollection Register(IServiceCollection services) => services.AddInvoicesTasker();
        }
        """;

    public static TheoryData<string, string, string> BrokenShapes => new()
    {
        // A run method returning void.
        { "STK0001", "SendInvoicePayload", "[SchemaTask(\"invoices.send-invoice\", Config = typeof(InvoicesTaskConfig))] public void SendInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) { }" },
        // A ref payload.
        { "STK0001", "SendInvoicePayload", "[SchemaTask(\"invoices.send-invoice\", Config = typeof(InvoicesTaskConfig))] public Task SendInvoiceAsync(ref SendInvoicePayload payload) => Task.CompletedTask;" },
        // An id with upper-case letters.
        { "STK0002", "SendInvoicePayload", "[SchemaTask(\"Invoices.SendInvoice\", Config = typeof(InvoicesTaskConfig))] public Task SendInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;" },
        // A payload that cannot cross as JSON.
        { "STK0008", "Stream", "[SchemaTask(\"invoices.send-invoice\", Config = typeof(InvoicesTaskConfig))] public Task SendInvoiceAsync(Stream payload, CancellationToken cancellationToken) => Task.CompletedTask;" },
        // A config value out of range.
        { "STK0006", "SendInvoicePayload", "[SchemaTask(\"invoices.send-invoice\", Config = typeof(InvoicesTaskConfig))] [TaskQueue(\"invoices-slow\", ConcurrencyLimit = 0)] public Task SendInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;" },
    };

    [Theory]
    [MemberData(nameof(BrokenShapes))]
    public async Task The_STK_error_is_the_only_error_of_the_build(string id, string payloadType, string method)
    {
        var diagnostics = await WholeBuild.DiagnosticsAsync(Service(method), Payloads(payloadType), Caller);

        Assert.True(WholeBuild.Errors(diagnostics).SequenceEqual([id]), WholeBuild.Describe(diagnostics));
    }

    [Fact]
    public async Task The_kept_method_sits_beside_the_valid_tasks_of_the_domain()
    {
        var diagnostics = await WholeBuild.DiagnosticsAsync(
            Service("""
                [SchemaTask("Invoices.SendInvoice", Config = typeof(InvoicesTaskConfig))] public Task SendInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                [SchemaTask("invoices.void-invoice", Config = typeof(InvoicesTaskConfig))] public Task VoidInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                """),
            Payloads("SendInvoicePayload"),
            Caller,
            """
            public static class Voiding
            {
                public static System.Threading.Tasks.Task Void(Shop.IInvoicesTasker tasker) => tasker.VoidInvoiceAsync(Shop.Payloads.Invoice());
            }
            """);

        Assert.True(WholeBuild.Errors(diagnostics).SequenceEqual(["STK0002"]), WholeBuild.Describe(diagnostics));
    }

    [Fact]
    public async Task Without_the_kept_method_the_caller_would_fail_first()
    {
        // The control: a payload type the generated code cannot name (a type parameter) keeps nothing, and the
        // caller's CS1061 joins the STK0001. The theory above is quiet only because the method is kept.
        var diagnostics = await WholeBuild.DiagnosticsAsync(
            Service("""
                [SchemaTask("invoices.send-invoice", Config = typeof(InvoicesTaskConfig))] public Task SendInvoiceAsync<T>(T payload, CancellationToken cancellationToken) => Task.CompletedTask;
                [SchemaTask("invoices.other", Config = typeof(InvoicesTaskConfig))] public Task OtherAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                """),
            Payloads("SendInvoicePayload"),
            Caller);

        Assert.Contains("STK0001", WholeBuild.Errors(diagnostics));
        Assert.Contains("CS1061", WholeBuild.Errors(diagnostics));
    }

    private static string Service(string methods) => $$"""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using SchemaTasks;

        namespace Shop;

        [TaskQueue("invoices", ConcurrencyLimit = 10)]
        [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Medium1x)]
        public static class InvoicesTaskConfig;

        public sealed class InvoicesTaskService
        {
            {{methods}}
        }
        """;

    // The payload record, its validator, and what the caller passes: an instance of the task's payload type.
    private static string Payloads(string payloadType) => $$"""
        using FluentValidation;

        namespace Shop;

        public sealed record SendInvoicePayload(string InvoiceId);

        public sealed class SendInvoicePayloadValidator : AbstractValidator<SendInvoicePayload>
        {
            public SendInvoicePayloadValidator() => RuleFor(p => p.InvoiceId).NotEmpty();
        }

        public static class Payloads
        {
            public static {{(payloadType == "Stream" ? "System.IO.Stream" : payloadType)}} Invoice() => {{(payloadType == "Stream" ? "System.IO.Stream.Null" : "new(\"inv-1\")")}};
        }
        """;
}
