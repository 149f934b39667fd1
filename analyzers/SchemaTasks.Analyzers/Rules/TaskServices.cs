using Microsoft.CodeAnalysis;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>Cheap questions the STK01xx rules ask before reading a whole <see cref="TaskMethod"/>.</summary>
internal static class TaskServices
{
    /// <summary>Whether the method carries <c>[SchemaTask]</c> or <c>[ScheduledTask]</c>.</summary>
    public static bool IsTask(IMethodSymbol method, KnownTypes types)
    {
        if (AttributeSyntaxGate.HasNoAttributes(method))
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (types.IsTaskAttribute(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type declares at least one task method: a task service.</summary>
    public static bool DeclaresTasks(INamedTypeSymbol type, KnownTypes types)
    {
        if (AttributeSyntaxGate.HasNoAttributedMethods(type))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && IsTask(method, types))
            {
                return true;
            }
        }

        return false;
    }
}
