using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// The config attributes a task method writes itself (the first of each type, as
/// <see cref="SymbolNames.FindAttribute"/> finds it), read in one walk of its attributes rather than one per type.
/// </summary>
/// <param name="Queue">Its <c>[TaskQueue]</c>, or null.</param>
/// <param name="Retry">Its <c>[TaskRetry]</c>, or null.</param>
/// <param name="Machine">Its <c>[TaskMachine]</c>, or null.</param>
/// <param name="MaxDuration">Its <c>[TaskMaxDuration]</c>, or null.</param>
internal readonly record struct MethodConfigAttributes(AttributeData? Queue, AttributeData? Retry, AttributeData? Machine, AttributeData? MaxDuration)
{
    /// <summary>A method that writes none: its config is its config type's.</summary>
    public static MethodConfigAttributes None => default;

    /// <summary>Whether the method writes none of the four.</summary>
    public bool WritesNone => Queue is null && Retry is null && Machine is null && MaxDuration is null;

    /// <summary>The config attributes on <paramref name="method"/>.</summary>
    public static MethodConfigAttributes Of(IMethodSymbol method)
    {
        AttributeData? queue = null, retry = null, machine = null, maxDuration = null;
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (queue is null && SymbolNames.Is(type, WellKnownNames.TaskQueueAttribute))
            {
                queue = attribute;
            }
            else if (retry is null && SymbolNames.Is(type, WellKnownNames.TaskRetryAttribute))
            {
                retry = attribute;
            }
            else if (machine is null && SymbolNames.Is(type, WellKnownNames.TaskMachineAttribute))
            {
                machine = attribute;
            }
            else if (maxDuration is null && SymbolNames.Is(type, WellKnownNames.TaskMaxDurationAttribute))
            {
                maxDuration = attribute;
            }
        }

        return new MethodConfigAttributes(queue, retry, machine, maxDuration);
    }
}
