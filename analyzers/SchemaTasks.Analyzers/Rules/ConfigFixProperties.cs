using System.Collections.Immutable;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// What the config code fixes (STK0101, STK0102, STK0103) need to know that only the resolved task knows, passed
/// as diagnostic properties so the fixes do not re-implement config resolution.
/// </summary>
internal static class ConfigFixProperties
{
    /// <summary>The <c>Machine</c> member one size above the task's machine; absent for the largest.</summary>
    public const string OutOfMemoryMachine = "OutOfMemoryMachine";

    /// <summary><c>ConfigType</c> when the task names a config type declared in source, else <c>Method</c>.</summary>
    public const string Target = "Target";

    /// <summary>The queue name a fix proposes: the service's domain in kebab case.</summary>
    public const string QueueName = "QueueName";

    /// <summary>
    /// Where STK0101 and STK0102 tell the user to add the attribute, as their messages say it: the task's config
    /// type, or a new shared one named after the domain, or the method when its config type is in another assembly.
    /// </summary>
    public static string Placement(TaskMethod task)
    {
        if (task.ConfigType is { } config)
        {
            return config.DeclaringSyntaxReferences.Length > 0
                ? "its config type '" + config.Name + "'"
                : "the method (its config type '" + config.Name + "' is in another assembly)";
        }

        var name = RecommendedConfig.ConfigTypeName(task.Method.ContainingType?.Name ?? "");
        return "a shared config type 'public static class " + name + ";' named by Config = typeof(" + name + ") on the task";
    }

    /// <summary>The <c>[TaskRetry(...)]</c> STK0101 proposes and its fix writes, as its message shows it.</summary>
    public static string RetryAttribute(TaskMethod task) => RecommendedConfig.RetryAttribute(NextMachine(task));

    /// <summary>The <c>[TaskQueue(...)]</c> STK0102 proposes and its fix writes, as its message shows it.</summary>
    public static string QueueAttribute(TaskMethod task) => RecommendedConfig.QueueAttribute(Queue(task));

    /// <summary>The properties for <paramref name="task"/>.</summary>
    public static ImmutableDictionary<string, string?> For(TaskMethod task)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        if (NextMachine(task) is { } larger)
        {
            builder[OutOfMemoryMachine] = larger;
        }

        var configInSource = task.ConfigType is { } config && config.DeclaringSyntaxReferences.Length > 0;
        builder[Target] = configInSource ? "ConfigType" : "Method";
        builder[QueueName] = Queue(task);
        return builder.ToImmutable();
    }

    private static string? NextMachine(TaskMethod task) => Machines.NextLarger(task.Machine) is { } larger ? Machines.Name(larger) : null;

    private static string Queue(TaskMethod task) => QueueNames.FromServiceName(task.Method.ContainingType?.Name ?? "");
}
