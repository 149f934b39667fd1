using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0104: a <c>[SchemaTask]</c>'s payload has no validator that the generated registration names, so triggers
/// and runs are unvalidated. Reported on the payload parameter's type. Scheduled tasks (whose payload is a
/// <c>ScheduledRun</c>) are not checked, nor payloads that STK0008 rejects.
/// </summary>
/// <remarks>
/// Silent exactly when the generator registers <c>IValidator&lt;P&gt;</c>: both decide with
/// <see cref="ValidatorRules"/> (next to the payload, in any assembly; or anywhere in the compilation under a base
/// class named like a validator; and registrable). When a validator exists but the generator cannot use it (it is
/// private, internal to another assembly, or neither next to the payload nor derived from a class named like a
/// validator), the message says which and why, and the "create the validator" fix is not offered. Nothing is
/// reported when FluentValidation is not referenced.
/// </remarks>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class MissingValidatorAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingValidator);

    /// <inheritdoc />
    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        types.AbstractValidator is null ? null : new((symbol, task) => Analyze(symbol, task, types));

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, KnownTypes types)
    {
        if (task.Kind != TaskKind.Schema ||
            task.PayloadParameter is not { } payload ||
            payload.Type is not INamedTypeSymbol { TypeKind: not TypeKind.Error } payloadType ||
            SymbolEqualityComparer.Default.Equals(payloadType, types.ScheduledRun) ||
            types.IsPayloadRejected(payloadType))
        {
            // A payload STK0008 rejects needs another type, not a validator: STK0008 is all the user should read.
            return;
        }

        var generatedInto = context.Compilation.Assembly;
        string? unusable = null;
        foreach (var validator in types.Validators.NextTo(payloadType, context.CancellationToken))
        {
            if (ValidatorRules.IsRegistrable(validator, generatedInto))
            {
                return;
            }

            unusable ??= Name(validator) + " is " + Inaccessible(validator, generatedInto) + ", so the generated registration cannot name it";
        }

        // Read only when no validator next to the payload is registrable: most payloads have one there.
        foreach (var validator in types.Validators.InCompilation(payloadType, context.Compilation, context.CancellationToken))
        {
            var registrable = ValidatorRules.IsRegistrable(validator, generatedInto);
            if (registrable && ValidatorRules.HasCandidateDeclaration(validator, context.CancellationToken))
            {
                return;
            }

            unusable ??= registrable
                ? Name(validator) + " is neither in the payload's namespace nor derived from a class whose name contains 'Validator', so the generator does not find it"
                : Name(validator) + " is " + Inaccessible(validator, generatedInto) + ", so the generated registration cannot name it";
        }

        var location = payload.DeclaringSyntaxReferences.Length > 0 &&
                       payload.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is ParameterSyntax { Type: { } typeSyntax }
            ? typeSyntax.GetLocation()
            : payload.Locations.Length > 0 ? payload.Locations[0] : task.NameLocation;

        var payloadName = payloadType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var properties = unusable is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(ValidatorRules.UnusableValidatorProperty, "true");
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingValidator,
            location,
            properties,
            payloadName,
            task.DisplayId,
            unusable ?? "it has no AbstractValidator<" + payloadName + ">; add 'public sealed class " + payloadType.Name + "Validator : AbstractValidator<" + payloadName + ">' next to it"));
    }

    private static string Name(INamedTypeSymbol validator) =>
        "its validator '" + validator.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "'";

    private static string Inaccessible(INamedTypeSymbol validator, IAssemblySymbol generatedInto) =>
        SymbolEqualityComparer.Default.Equals(validator.ContainingAssembly, generatedInto)
            ? "private, protected or file-local"
            : "not public in assembly '" + validator.ContainingAssembly.Name + "'";
}
