using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Parsing;

/// <summary>
/// Turns a method carrying <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> into a <see cref="TaskSpec"/>, or null for
/// anything the generator cannot use: an invalid shape (STK0001), id (STK0002) or payload (STK0008), or a broken
/// attribute. Nothing is reported here; the analyzers say why.
/// </summary>
internal static class TaskParser
{
    /// <summary>The syntax filter: only method declarations can be tasks.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    /// <summary>
    /// Parses one task method. Exceptions are not caught: the shared rules decide what is invalid, so an exception
    /// here is a bug of the generator, and the compiler's CS8785 warning must show it rather than an empty output.
    /// </summary>
    public static TaskSpec? Parse(GeneratorAttributeSyntaxContext context, TaskKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return context.TargetSymbol is IMethodSymbol method && context.Attributes.Length == 1
            ? Parse(method, context.Attributes[0], kind, cancellationToken)
            : null;
    }

    private static TaskSpec? Parse(IMethodSymbol method, AttributeData attribute, TaskKind kind, CancellationToken cancellationToken)
    {
        var isScheduled = kind == TaskKind.Scheduled;
        if (!EmittedTaskRules.TryRead(method, attribute, isScheduled, out var values, out var config) || values is null || config is null)
        {
            return null;
        }

        var payloadType = method.Parameters[0].Type;

        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new TaskParameterSpec[method.Parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            parameters[i] = i > 0 && TaskMethodRules.IsUnresolvedTaskerType(parameter.Type)
                ? new TaskParameterSpec(TaskParameterKind.Service, parameter.Type.Name, IsGeneratedTasker: true)
                : new TaskParameterSpec(TaskMethodRules.Classify(parameter, i), TypeNames.FullyQualified(parameter.Type));
        }

        var serviceType = method.ContainingType;

        // A method left outside any type (its class header lost while typing) sits in the compiler's implicit
        // '<invalid-global-code>' type: there is no domain to emit, and its name is no valid hint name.
        if (serviceType is null || serviceType.IsImplicitlyDeclared || !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(serviceType.Name))
        {
            return null;
        }

        var service = new ServiceSpec(
            TypeNames.FullyQualified(serviceType),
            serviceType.Name,
            TypeNames.NamespaceOf(serviceType),
            TypeAccessRules.Of(serviceType) == TypeAccess.Public);

        return new TaskSpec(
            service,
            kind,
            values.Id,
            method.Name,
            method.IsStatic,
            SymbolNames.Is(method.ReturnType, WellKnownNames.ValueTask),
            TypeNames.FullyQualified(payloadType),
            TypeAccessRules.Of(payloadType) == TypeAccess.Public,
            new EquatableArray<TaskParameterSpec>(parameters),
            config,
            isScheduled ? new ScheduleSpec(values.Cron, values.TimeZone, values.SkipIfActive) : null,
            values.Description,
            isScheduled ? EquatableArray<ValidatorSpec>.Empty : ValidatorsNextTo(payloadType, method.ContainingAssembly, cancellationToken));
    }

    private static EquatableArray<ValidatorSpec> ValidatorsNextTo(ITypeSymbol payload, IAssemblySymbol generatedInto, CancellationToken cancellationToken)
    {
        var validators = new System.Collections.Generic.List<ValidatorSpec>();
        foreach (var validator in ValidatorRules.NextTo(payload, cancellationToken))
        {
            if (ValidatorRules.IsRegistrable(validator, generatedInto))
            {
                validators.Add(new ValidatorSpec(TypeNames.FullyQualified(validator), TypeNames.FullyQualified(payload), TypeAccessRules.Of(validator) == TypeAccess.Public));
            }
        }

        validators.Sort();
        return EquatableArray.From(validators);
    }
}
