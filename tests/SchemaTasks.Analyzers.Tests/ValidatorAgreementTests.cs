using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Rules;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>
/// STK0104 and the generator decide "has a validator" by one shared rule (ValidatorRules): over many validator
/// shapes, STK0104 is silent exactly when the generated registration contains <c>IValidator&lt;P&gt;</c>, and each
/// shape gets the verdict written next to it (so the two cannot agree by both being wrong).
/// </summary>
public sealed class ValidatorAgreementTests
{
    private const string Task = """

        namespace Acme.Tasks
        {
            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public System.Threading.Tasks.Task ShipAsync(Acme.Orders.OrderPayload payload, System.Threading.CancellationToken cancellationToken) =>
                    System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """;

    private const string Payload = "public sealed record OrderPayload(int OrderId);";

    /// <summary>Validator shapes in the compilation, in or around namespace <c>Acme.Orders</c>, and whether they are registered.</summary>
    public static TheoryData<string, string, bool> Shapes { get; } = new()
    {
        { "plain validator next to the payload", "namespace Acme.Orders { " + Payload + " public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }", true },
        { "internal validator", "namespace Acme.Orders { " + Payload + " internal sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }", true },
        { "base class without 'Validator' in its name, next to the payload", "namespace Acme.Orders { " + Payload + " public abstract class PayloadRules<T> : AbstractValidator<T> { } public sealed class OrderRules : PayloadRules<OrderPayload> { } }", true },
        { "base class without 'Validator' in its name, in another namespace", "namespace Acme.Orders { " + Payload + " } namespace Acme.Rules { public abstract class PayloadRules<T> : AbstractValidator<T> { } public sealed class OrderRules : PayloadRules<Acme.Orders.OrderPayload> { } }", false },
        { "validator in another namespace", "namespace Acme.Orders { " + Payload + " } namespace Acme.Validation { public sealed class OrderValidator : AbstractValidator<Acme.Orders.OrderPayload> { } }", true },
        { "validator base named like a validator, in another namespace", "namespace Acme.Orders { " + Payload + " } namespace Acme.Validation { public abstract class ValidatorBase<T> : AbstractValidator<T> { } public sealed class OrderChecks : ValidatorBase<Acme.Orders.OrderPayload> { } }", true },
        { "alias hiding the validator name, in another namespace", "namespace Acme.Orders { " + Payload + " } namespace Acme.Validation { using Rules = FluentValidation.AbstractValidator<Acme.Orders.OrderPayload>; public sealed class OrderChecks : Rules { } }", false },
        { "alias hiding the validator name, next to the payload", "namespace Acme.Orders { using Rules = FluentValidation.AbstractValidator<Acme.Orders.OrderPayload>; " + Payload + " public sealed class OrderChecks : Rules { } }", true },
        { "private validator nested in the payload", "namespace Acme.Orders { public sealed record OrderPayload(int OrderId) { private sealed class Validator : AbstractValidator<OrderPayload> { } } }", false },
        { "public validator nested in the payload", "namespace Acme.Orders { public sealed record OrderPayload(int OrderId) { public sealed class Validator : AbstractValidator<OrderPayload> { } } }", true },
        { "private validator nested in a class elsewhere", "namespace Acme.Orders { " + Payload + " } namespace Acme.Validation { public static class Validators { private sealed class OrderValidator : AbstractValidator<Acme.Orders.OrderPayload> { } } }", false },
        { "protected validator nested next to the payload", "namespace Acme.Orders { " + Payload + " public class Holder { protected sealed class OrderValidator : AbstractValidator<OrderPayload> { } } }", false },
        { "file-local validator", "namespace Acme.Orders { " + Payload + " file sealed class OrderValidator : AbstractValidator<OrderPayload> { } }", false },
        { "abstract validator only", "namespace Acme.Orders { " + Payload + " public abstract class OrderValidator : AbstractValidator<OrderPayload> { } }", false },
        { "generic validator", "namespace Acme.Orders { " + Payload + " public sealed class OrderValidator<T> : AbstractValidator<OrderPayload> { } }", false },
        { "validator nested in a generic type", "namespace Acme.Orders { " + Payload + " public static class Outer<T> { public sealed class OrderValidator : AbstractValidator<OrderPayload> { } } }", false },
        { "validator of another payload", "namespace Acme.Orders { " + Payload + " public sealed record RefundPayload(int Id); public sealed class RefundValidator : AbstractValidator<RefundPayload> { } }", false },
        { "no validator", "namespace Acme.Orders { " + Payload + " }", false },
        { "derived from a concrete validator", "namespace Acme.Orders { " + Payload + " public class OrderValidator : AbstractValidator<OrderPayload> { } public sealed class StrictOrderRules : OrderValidator { } }", true },
        { "partial validator in two parts", "namespace Acme.Orders { " + Payload + " public sealed partial class OrderValidator : AbstractValidator<OrderPayload> { } public sealed partial class OrderValidator { } }", true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void STK0104_is_silent_exactly_when_the_registration_names_the_validator(string shape, string source, bool registered)
    {
        var verdict = Verdict([source, Task], []);

        Assert.True(registered == verdict.Registered, $"{shape}: registered {verdict.Registered}, expected {registered}");
        Assert.True(verdict.Registered != verdict.Reported, $"{shape}: STK0104 reported {verdict.Reported}, registered {verdict.Registered}");
    }

    /// <summary>Shapes in a referenced Contracts assembly, and whether they are registered.</summary>
    public static TheoryData<string, string, bool> ContractShapes { get; } = new()
    {
        { "public validator next to the payload", "namespace Acme.Orders { " + Payload + " public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }", true },
        { "public validator of any base class name next to the payload", "namespace Acme.Orders { " + Payload + " public abstract class PayloadRules<T> : AbstractValidator<T> { } public sealed class OrderRules : PayloadRules<OrderPayload> { } }", true },
        { "public validator nested in the payload", "namespace Acme.Orders { public sealed record OrderPayload(int OrderId) { public sealed class Validator : AbstractValidator<OrderPayload> { } } }", true },
        { "internal validator next to the payload", "namespace Acme.Orders { " + Payload + " internal sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }", false },
        { "internal validator visible to the task project", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Tasks\")] namespace Acme.Orders { " + Payload + " internal sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }", true },
        { "validator in another namespace of the Contracts project", "namespace Acme.Orders { " + Payload + " } namespace Acme.Validation { public sealed class OrderValidator : AbstractValidator<Acme.Orders.OrderPayload> { } }", false },
        { "no validator", "namespace Acme.Orders { " + Payload + " }", false },
    };

    [Theory]
    [MemberData(nameof(ContractShapes))]
    public void A_Contracts_project_validator_next_to_its_payload_is_registered_and_satisfies_STK0104(string shape, string contracts, bool registered)
    {
        var verdict = Verdict([Task], [Contracts(contracts)]);

        Assert.True(registered == verdict.Registered, $"{shape}: registered {verdict.Registered}, expected {registered}");
        Assert.True(verdict.Registered != verdict.Reported, $"{shape}: STK0104 reported {verdict.Reported}, registered {verdict.Registered}");
    }

    [Theory]
    [InlineData("namespace Acme.Orders { public sealed record OrderPayload(int OrderId) { private sealed class Validator : AbstractValidator<OrderPayload> { } } }", "its validator 'OrderPayload.Validator' is private, protected or file-local, so the generated registration cannot name it")]
    [InlineData("namespace Acme.Orders { " + Payload + " } namespace Acme.Rules { public abstract class PayloadRules<T> : AbstractValidator<T> { } public sealed class OrderRules : PayloadRules<Acme.Orders.OrderPayload> { } }", "its validator 'OrderRules' is neither in the payload's namespace nor derived from a class whose name contains 'Validator', so the generator does not find it")]
    [InlineData("namespace Acme.Orders { " + Payload + " }", "it has no AbstractValidator<OrderPayload>; add 'public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>' next to it")]
    public void The_message_says_why_an_existing_validator_is_not_registered(string source, string why)
    {
        var verdict = Verdict([source, Task], []);

        Assert.Equal($"Payload type 'OrderPayload' of task 'orders.ship' is unvalidated: {why}", verdict.Message);
    }

    [Fact]
    public void The_message_names_the_Contracts_assembly_of_an_internal_validator()
    {
        var verdict = Verdict([Task], [Contracts("namespace Acme.Orders { " + Payload + " internal sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { } }")]);

        Assert.EndsWith("its validator 'OrderPayloadValidator' is not public in assembly 'Contracts', so the generated registration cannot name it", verdict.Message, StringComparison.Ordinal);
    }

    private sealed record Result(bool Registered, bool Reported, string? Message);

    private static Result Verdict(string[] sources, MetadataReference[] extra)
    {
        var compilation = Compile("Tasks", sources.Select(s => "using FluentValidation;\nusing SchemaTasks;\n" + s), extra);
        var generator = ((IIncrementalGenerator)Activator.CreateInstance(TestCompilationSetup.Generator!)!).AsSourceGenerator();
        CSharpGeneratorDriver.Create([generator], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0246"));

        var registration = string.Concat(generated.SyntaxTrees.Skip(compilation.SyntaxTrees.Length).Select(tree => tree.ToString()));
        Assert.Contains("AddOrdersTasker", registration, StringComparison.Ordinal);
        var diagnostics = generated
            .WithAnalyzers([new MissingValidatorAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        var stk0104 = diagnostics.Where(d => d.Id == "STK0104").ToArray();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return new Result(
            registration.Contains("AddValidator(services, global::Acme.Tasks.OrdersTasks.Ship, ", StringComparison.Ordinal),
            stk0104.Length > 0,
            stk0104.FirstOrDefault()?.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static CSharpCompilation Compile(string name, IEnumerable<string> sources, IEnumerable<MetadataReference> extra) =>
        CSharpCompilation.Create(
            name,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/{name}/File{i}.cs")),
            TestCompilationSetup.References.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A referenced Contracts assembly, compiled from <paramref name="source"/> to an image.</summary>
    internal static MetadataReference Contracts(string source)
    {
        var compilation = Compile("Contracts", ["using FluentValidation;\n" + source], []);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
