using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0008: a <c>[SchemaTask]</c>'s payload can cross an async backend as JSON (System.Text.Json, no type
/// names stored). The verdict on the type is the generator's (<see cref="PayloadRules"/>, shared source): the
/// generator emits nothing for such a task, and this says why, on the payload parameter's type. Its properties are
/// checked too, recursively, under the same rules (<see cref="PayloadPropertyRules"/>), naming the property path;
/// for those the generated code still compiles, so this is the only error.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class PayloadNotSerializableAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PayloadNotSerializable);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        new((symbol, task) => Analyze(symbol, task, types));

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, KnownTypes types)
    {
        // A scheduled task's first parameter is the runtime's ScheduledRun (or STK0001 says it is not).
        if (task is not { Kind: TaskKind.Schema, PayloadParameter: { RefKind: RefKind.None } payload })
        {
            return;
        }

        if (payload.Type.TypeKind == TypeKind.Error)
        {
            return;
        }

        var problem = types.PayloadProblemOf(payload.Type);
        string reason;
        if (problem != PayloadProblem.None)
        {
            reason = Explain(problem, payload.Type, isProperty: false);
        }
        else if (types.PayloadPropertyProblemOf(payload.Type) is { } property)
        {
            reason = "its property '" + property.Path + "' is of type '" + property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) +
                     "': " + Explain(property.Problem, property.Type, isProperty: true);
        }
        else
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.PayloadNotSerializable,
            SourceLocations.ParameterType(payload, context.CancellationToken),
            payload.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            task.DisplayId,
            reason));
    }

    private static string Explain(PayloadProblem problem, ITypeSymbol payload, bool isProperty) => problem switch
    {
        PayloadProblem.Object or PayloadProblem.Dynamic when isProperty =>
            "'" + payload.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' comes back as a JsonElement, not what was stored; give the property a concrete type",
        PayloadProblem.UnboundConstructorParameter when payload is INamedTypeSymbol named &&
                                                        PayloadRules.DeserializationConstructor(named) is { } constructor &&
                                                        PayloadRules.UnboundParameter(named, constructor) is { } parameter =>
            $"its constructor's parameter '{parameter.Name}' matches no property by name, so every run fails to read it back; name the parameter after its property",
        PayloadProblem.Object => "'object' is the untyped task; declare a payload record",
        PayloadProblem.Dynamic => "'dynamic' is the untyped task; declare a payload record",
        PayloadProblem.Interface => "an interface cannot be created from JSON; use a concrete record, or add [JsonPolymorphic] and [JsonDerivedType]",
        PayloadProblem.AbstractWithoutPolymorphism => "an abstract type cannot be created from JSON without [JsonPolymorphic] or [JsonDerivedType]",
        PayloadProblem.Delegate => "a delegate is code, not data",
        PayloadProblem.Stream => "a Stream is not data; pass a reference to where the data lives",
        PayloadProblem.Pointer => "a pointer is an address in this process",
        PayloadProblem.NoUsableConstructor => "it has no public parameterless constructor, no single public constructor and no [JsonConstructor]",
        PayloadProblem.NullableValueType => "a payload is never null; use the value type itself",
        _ => "it is a ref struct, a type parameter or void, none of which is data",
    };
}
