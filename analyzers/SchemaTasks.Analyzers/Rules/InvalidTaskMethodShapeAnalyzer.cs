using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0001: a task method has the shape the generated code can call. The verdict is the generator's own
/// (<see cref="TaskMethodRules"/>, shared source), so the analyzer reports exactly when the generator emits
/// nothing for a method, and says why, on the most specific location. Two checks are the analyzer's alone,
/// because the generator would emit code that is wrong rather than none: a method carrying both task
/// attributes, and a <c>[SchemaTask]</c> whose first parameter is a <c>CancellationToken</c>,
/// <c>TaskRunContext</c> or <c>ScheduledRun</c> instead of a payload.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class InvalidTaskMethodShapeAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidTaskMethodShape);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        new((symbol, task) => Analyze(symbol, task, types));

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, KnownTypes types)
    {
        var method = task.Method;
        var ct = context.CancellationToken;
        void Report(Location location, string problem) =>
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidTaskMethodShape, location, method.Name, problem));

        if (task.SecondTaskAttribute is { } second)
        {
            Report(AttributeArguments.AttributeLocation(second, ct) ?? task.NameLocation,
                "carries both [SchemaTask] and [ScheduledTask]; a method declares one task");
        }

        var problem = TaskMethodRules.GetProblem(method, task.Kind == TaskKind.Scheduled);
        if (problem != TaskMethodProblem.None)
        {
            var (location, message) = Explain(problem, task, ct);
            Report(location, message);
            return;
        }

        if (task.Kind == TaskKind.Schema && task.PayloadParameter is { } first &&
            (SymbolEqualityComparer.Default.Equals(first.Type, types.CancellationToken)
             || SymbolEqualityComparer.Default.Equals(first.Type, types.TaskRunContext)
             || SymbolEqualityComparer.Default.Equals(first.Type, types.ScheduledRun)))
        {
            Report(SourceLocations.ParameterType(first, ct),
                $"takes '{Display(first.Type)}' first; its first parameter is the payload");
        }
    }

    private static (Location Location, string Message) Explain(TaskMethodProblem problem, TaskMethod task, CancellationToken ct)
    {
        var method = task.Method;
        switch (problem)
        {
            case TaskMethodProblem.NotOrdinaryMethod:
                return (task.AttributeLocation, "is not an ordinary method of a class");
            case TaskMethodProblem.GenericMethod:
                return (SourceLocations.TypeParameters(method, ct), "is generic; a task method has no type parameters");
            case TaskMethodProblem.GenericContainingType:
                return (task.NameLocation, $"is declared in generic type '{Display(FirstGenericContainingType(method))}'; a task service is not generic");
            case TaskMethodProblem.ContainingTypeNotClass:
                return (task.NameLocation, $"is declared in {Describe(method.ContainingType.TypeKind)} '{method.ContainingType.Name}'; tasks are declared in a class");
            case TaskMethodProblem.InstanceMethodOfAbstractClass:
                return method.IsAbstract
                    ? (task.NameLocation, "is abstract; a task method has a body")
                    : (task.NameLocation, $"is an instance method of {(method.ContainingType.IsStatic ? "static" : "abstract")} class '{method.ContainingType.Name}', which the run's scope cannot create (make the method static or the class concrete)");
            case TaskMethodProblem.Inaccessible:
                return ExplainInaccessible(task, ct);
            case TaskMethodProblem.InvalidReturnType:
                return (SourceLocations.ReturnType(method, ct), $"returns '{Display(method.ReturnType)}'; a task method returns Task or ValueTask");
            case TaskMethodProblem.MissingPayload:
                return (task.NameLocation, task.Kind == TaskKind.Scheduled
                    ? "takes no parameter; its first parameter is the ScheduledRun"
                    : "takes no payload; its first parameter is the payload");
            case TaskMethodProblem.FirstParameterNotScheduledRun:
                return (SourceLocations.ParameterType(method.Parameters[0], ct),
                    $"takes '{Display(method.Parameters[0].Type)}' first; a scheduled task's first parameter is the ScheduledRun");
            case TaskMethodProblem.ByRefOrParamsParameter:
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.RefKind != RefKind.None || parameter.IsParams)
                    {
                        return (SourceLocations.Parameter(parameter, ct),
                            $"takes parameter '{parameter.Name}' {(parameter.IsParams ? "as params" : "by reference")}; generated code passes each parameter by value");
                    }
                }

                break;
            case TaskMethodProblem.InvalidParameterType:
                for (var i = 1; i < method.Parameters.Length; i++)
                {
                    var parameter = method.Parameters[i];
                    if (!IsResolvable(parameter.Type))
                    {
                        return (SourceLocations.ParameterType(parameter, ct),
                            $"takes parameter '{parameter.Name}' of type '{Display(parameter.Type)}', which cannot be resolved as a service");
                    }
                }

                break;
        }

        return (task.NameLocation, "has an invalid shape");
    }

    private static (Location Location, string Message) ExplainInaccessible(TaskMethod task, CancellationToken ct)
    {
        var method = task.Method;
        if (!IsReachable(method.DeclaredAccessibility))
        {
            return (task.NameLocation, $"is {Describe(method.DeclaredAccessibility)}; generated code must call it (make it public or internal)");
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsReachable(type.DeclaredAccessibility) || type.IsFileLocal)
            {
                return (task.NameLocation, $"is declared in {(type.IsFileLocal ? "file-local" : Describe(type.DeclaredAccessibility))} type '{type.Name}'; generated code must reach it (make it public or internal)");
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (TypeAccessRules.Of(parameter.Type) == TypeAccess.Inaccessible)
            {
                return (SourceLocations.ParameterType(parameter, ct),
                    $"takes parameter '{parameter.Name}' of type '{Display(parameter.Type)}', which generated code cannot name (make it public or internal)");
            }
        }

        return (task.NameLocation, "is not accessible to generated code");
    }

    private static INamedTypeSymbol FirstGenericContainingType(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                return type;
            }
        }

        return method.ContainingType;
    }

    // As TaskMethodRules: what a service provider can hand out and a call can pass by value.
    private static bool IsResolvable(ITypeSymbol type) =>
        type.TypeKind is not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Dynamic)
        && !type.IsRefLikeType
        && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
        && type.SpecialType != SpecialType.System_Void;

    private static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "inaccessible",
    };

    private static string Describe(TypeKind kind) => kind switch
    {
        TypeKind.Struct => "struct",
        TypeKind.Interface => "interface",
        _ => "type",
    };

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
