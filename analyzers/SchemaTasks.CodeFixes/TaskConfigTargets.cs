using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Roslyn;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Finds where a config fix writes: the task method a diagnostic belongs to, and the declaration of the
/// <c>Config</c> type its task attribute names (possibly in another document).
/// </summary>
internal static class TaskConfigTargets
{
    /// <summary>The diagnostic property that says where the fix writes (<c>ConfigType</c> or <c>Method</c>).</summary>
    public const string TargetProperty = "Target";

    /// <summary>The diagnostic property with the <c>Machine</c> member one size above the task's machine.</summary>
    public const string OutOfMemoryMachineProperty = "OutOfMemoryMachine";

    /// <summary>The diagnostic property with the proposed queue name.</summary>
    public const string QueueNameProperty = "QueueName";

    /// <summary>The <see cref="TargetProperty"/> value that sends the fix to the shared config type.</summary>
    public const string ConfigTypeTarget = "ConfigType";

    /// <summary>STK0007's property with the <c>Machine</c> member one size above the task's machine.</summary>
    public const string SuggestedMachineProperty = "SuggestedMachine";

    /// <summary>The declaration of the config type named by the method's task attribute, in source.</summary>
    public static TypeDeclarationSyntax? FindConfigType(
        MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var attribute in method.AttributeLists.SelectMany(list => list.Attributes))
        {
            if (attribute.ArgumentList is null ||
                model.GetTypeInfo(attribute, cancellationToken).Type?.ToDisplayString() is not
                    (WellKnownNames.SchemaTaskAttribute or WellKnownNames.ScheduledTaskAttribute))
            {
                continue;
            }

            foreach (var argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == "Config" &&
                    argument.Expression is TypeOfExpressionSyntax typeOf &&
                    model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol configType)
                {
                    return configType.DeclaringSyntaxReferences
                        .Select(reference => reference.GetSyntax(cancellationToken))
                        .OfType<TypeDeclarationSyntax>()
                        .FirstOrDefault();
                }
            }
        }

        return null;
    }
}
