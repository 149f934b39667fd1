using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>Why a task method's shape is invalid (STK0001), or <see cref="None"/>.</summary>
internal enum TaskMethodProblem
{
    /// <summary>The shape is valid.</summary>
    None = 0,

    /// <summary>Not an ordinary method (an accessor, operator, explicit interface implementation...).</summary>
    NotOrdinaryMethod,

    /// <summary>The method is generic.</summary>
    GenericMethod,

    /// <summary>The method or a type it is declared in is generic.</summary>
    GenericContainingType,

    /// <summary>The method is declared in a struct, interface or record struct rather than a class.</summary>
    ContainingTypeNotClass,

    /// <summary>An instance method of an abstract class: there is no instance to resolve.</summary>
    InstanceMethodOfAbstractClass,

    /// <summary>The method, its class, or a type it takes is private, protected or file-local.</summary>
    Inaccessible,

    /// <summary>The method returns neither <c>Task</c> nor <c>ValueTask</c>.</summary>
    InvalidReturnType,

    /// <summary>The method takes no parameter: the payload is missing.</summary>
    MissingPayload,

    /// <summary>A scheduled task's first parameter is not <c>ScheduledRun</c>.</summary>
    FirstParameterNotScheduledRun,

    /// <summary>A parameter is <c>ref</c>, <c>out</c>, <c>in</c> or <c>params</c>.</summary>
    ByRefOrParamsParameter,

    /// <summary>A parameter's type cannot be passed or resolved (pointer, ref struct, type parameter, dynamic, error...).</summary>
    InvalidParameterType,
}

/// <summary>What the generated invoker passes for a parameter of a task method.</summary>
internal enum TaskParameterKind
{
    /// <summary>The first parameter: the payload (a <c>ScheduledRun</c> for a scheduled task).</summary>
    Payload = 0,

    /// <summary>The run's <c>CancellationToken</c>.</summary>
    CancellationToken,

    /// <summary>The attempt's <c>SchemaTasks.TaskRunContext</c>.</summary>
    Context,

    /// <summary>A service resolved from the run's scope with <c>GetRequiredService</c>.</summary>
    Service,

    /// <summary>A nullable-annotated service resolved with <c>GetService</c>.</summary>
    OptionalService,
}

/// <summary>
/// The shape rules of a task method (STK0001), shared by the generator (which emits nothing for an invalid
/// method) and the analyzer (which reports the <see cref="TaskMethodProblem"/>). Serializability of the payload
/// is a separate rule: <see cref="PayloadRules"/>.
/// </summary>
internal static class TaskMethodRules
{
    /// <summary>The first shape problem of <paramref name="method"/>, or <see cref="TaskMethodProblem.None"/>.</summary>
    /// <param name="method">The method carrying <c>[SchemaTask]</c> or <c>[ScheduledTask]</c>.</param>
    /// <param name="isScheduled">Whether the attribute is <c>[ScheduledTask]</c>.</param>
    public static TaskMethodProblem GetProblem(IMethodSymbol method, bool isScheduled)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } service)
        {
            return TaskMethodProblem.NotOrdinaryMethod;
        }

        if (method.IsGenericMethod)
        {
            return TaskMethodProblem.GenericMethod;
        }

        for (var type = service; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                return TaskMethodProblem.GenericContainingType;
            }
        }

        if (service.TypeKind != TypeKind.Class)
        {
            return TaskMethodProblem.ContainingTypeNotClass;
        }

        if (!method.IsStatic && (service.IsAbstract || service.IsStatic))
        {
            return TaskMethodProblem.InstanceMethodOfAbstractClass;
        }

        if (TypeAccessRules.Of(method) == TypeAccess.Inaccessible)
        {
            return TaskMethodProblem.Inaccessible;
        }

        if (!SymbolNames.Is(method.ReturnType, WellKnownNames.Task) && !SymbolNames.Is(method.ReturnType, WellKnownNames.ValueTask))
        {
            return TaskMethodProblem.InvalidReturnType;
        }

        if (method.Parameters.Length == 0)
        {
            return TaskMethodProblem.MissingPayload;
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return TaskMethodProblem.ByRefOrParamsParameter;
            }

            if (i == 0 && isScheduled && !SymbolNames.Is(parameter.Type, WellKnownNames.ScheduledRun))
            {
                return TaskMethodProblem.FirstParameterNotScheduledRun;
            }

            if (i > 0 && IsUnresolvedTaskerType(parameter.Type))
            {
                continue; // the generator resolves it against the taskers it generates
            }

            if (i > 0 && !IsResolvable(parameter.Type))
            {
                return TaskMethodProblem.InvalidParameterType;
            }

            // The payload's own type problems (pointer, dynamic...) are PayloadRules' to report.
            if (TypeAccessRules.Of(parameter.Type) == TypeAccess.Inaccessible &&
                (i > 0 || parameter.Type is INamedTypeSymbol or IArrayTypeSymbol))
            {
                return TaskMethodProblem.Inaccessible;
            }
        }

        return TaskMethodProblem.None;
    }

    /// <summary>How the generated invoker supplies the parameter at <paramref name="index"/>.</summary>
    public static TaskParameterKind Classify(IParameterSymbol parameter, int index)
    {
        if (index == 0)
        {
            return TaskParameterKind.Payload;
        }

        var type = parameter.Type;
        if (SymbolNames.Is(type, WellKnownNames.CancellationToken))
        {
            return TaskParameterKind.CancellationToken;
        }

        if (SymbolNames.Is(type, WellKnownNames.TaskRunContext))
        {
            return TaskParameterKind.Context;
        }

        return type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated
            ? TaskParameterKind.OptionalService
            : TaskParameterKind.Service;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is unresolved only because the generator has not run yet: a simple name ending
    /// in <c>Tasker</c> (a task that fans out takes its own domain's <c>I&lt;Domain&gt;Tasker</c>). In the final
    /// compilation such a name binds to the generated type; if it does not, the compiler reports it.
    /// </summary>
    public static bool IsUnresolvedTaskerType(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Error, Arity: 0, ContainingType: null } named &&
        named.Name.EndsWith("Tasker", System.StringComparison.Ordinal);

    /// <summary>Whether a value of the type can be resolved from a service provider and passed by value.</summary>
    private static bool IsResolvable(ITypeSymbol type) =>
        type.TypeKind is not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Dynamic)
        && !type.IsRefLikeType
        && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
        && type.SpecialType != SpecialType.System_Void;
}
