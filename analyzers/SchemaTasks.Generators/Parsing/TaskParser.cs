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
            ? Parse(method, context.Attributes[0], kind, context.SemanticModel.Compilation, cancellationToken)
            : null;
    }

    /// <summary>
    /// Parses one <c>[SchemaTask]</c> method: the task when it is valid, else, when its class and payload type are
    /// usable, the tasker method to keep (see <see cref="UnavailableTaskSpec"/>), else null.
    /// </summary>
    public static ParsedTask? ParseTriggered(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (Parse(context, TaskKind.Triggered, cancellationToken) is { } task)
        {
            return new ParsedTask(task, null);
        }

        return context.TargetSymbol is IMethodSymbol method && Unavailable(method) is { } unavailable
            ? new ParsedTask(null, unavailable)
            : null;
    }

    // The payload must be a type the generated code can name: not a type parameter, pointer or error type, and
    // visible to it. Anything else keeps nothing; the analyzers' error is then followed by the compiler's.
    private static UnavailableTaskSpec? Unavailable(IMethodSymbol method)
    {
        // A class that cannot hold tasks at all (a struct, an interface, an abstract class for an instance method) or
        // a method that is no ordinary method (a local function) gets no domain: there is nothing a caller can use.
        if (method.MethodKind != MethodKind.Ordinary || method.Parameters.Length == 0 ||
            method.ContainingType is not { TypeKind: TypeKind.Class } type || (!method.IsStatic && (type.IsAbstract || type.IsStatic)) ||
            ServiceOf(method) is not { } service)
        {
            return null;
        }

        var payloadType = method.Parameters[0].Type;
        var access = TypeAccessRules.Of(payloadType);
        return access == TypeAccess.Inaccessible || ContainsTypeParameter(payloadType)
            ? null
            : new UnavailableTaskSpec(service, method.Name, TypeNames.FullyQualified(payloadType), access == TypeAccess.Public);
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => ContainsTypeParameter(named),
        _ => false,
    };

    private static bool ContainsTypeParameter(INamedTypeSymbol named)
    {
        for (var current = named; current is not null; current = current.ContainingType)
        {
            foreach (var argument in current.TypeArguments)
            {
                if (ContainsTypeParameter(argument))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A method left outside any type (its class header lost while typing) sits in the compiler's implicit
    // '<invalid-global-code>' type: there is no domain to emit, and its name is no valid hint name. A generic class,
    // or one the generated code cannot see (private, nested in a private type), has no domain either (STK0001 says
    // so; only an invalid task gets here with one).
    private static ServiceSpec? ServiceOf(IMethodSymbol method)
    {
        var serviceType = method.ContainingType;
        if (serviceType is null || serviceType.IsImplicitlyDeclared || !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(serviceType.Name))
        {
            return null;
        }

        for (var type = serviceType; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                return null;
            }
        }

        var access = TypeAccessRules.Of(serviceType);
        return access == TypeAccess.Inaccessible
            ? null
            : new ServiceSpec(TypeNames.FullyQualified(serviceType), serviceType.Name, TypeNames.NamespaceOf(serviceType), access == TypeAccess.Public);
    }

    private static TaskSpec? Parse(IMethodSymbol method, AttributeData attribute, TaskKind kind, Compilation compilation, CancellationToken cancellationToken)
    {
        var isScheduled = kind == TaskKind.Scheduled;
        // The tasks of a domain share a config type: its attributes are read once per compilation, not once per task.
        if (!EmittedTaskRules.TryRead(method, attribute, isScheduled, out var values, out var config, ConfigTypeConfigs.For(compilation)) ||
            values is null || config is null)
        {
            return null;
        }

        var payloadType = method.Parameters[0].Type;
        var payloadTypeName = TypeNames.FullyQualified(payloadType);

        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new TaskParameterSpec[method.Parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            parameters[i] = i > 0 && TaskMethodRules.IsUnresolvedTaskerType(parameter.Type)
                ? new TaskParameterSpec(TaskParameterKind.Service, parameter.Type.Name, IsGeneratedTasker: true, parameter.Name)
                : new TaskParameterSpec(TaskMethodRules.Classify(parameter, i), i == 0 ? payloadTypeName : TypeNames.FullyQualified(parameter.Type), Name: parameter.Name);
        }

        if (ServiceOf(method) is not { } service)
        {
            return null;
        }

        return new TaskSpec(
            service,
            kind,
            values.Id,
            method.Name,
            method.IsStatic,
            SymbolNames.Is(method.ReturnType, WellKnownNames.ValueTask),
            payloadTypeName,
            TypeAccessRules.Of(payloadType) == TypeAccess.Public,
            new EquatableArray<TaskParameterSpec>(parameters),
            config,
            isScheduled ? new ScheduleSpec(values.Cron, values.TimeZone, values.SkipIfActive) : null,
            values.Description,
            isScheduled ? EquatableArray<ValidatorSpec>.Empty : ValidatorIndex.For(compilation).Of(payloadType, payloadTypeName, cancellationToken));
    }
}
