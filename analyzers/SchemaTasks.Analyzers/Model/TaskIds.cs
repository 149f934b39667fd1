using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Why a task id is invalid, in words. Whether it is invalid is <c>TaskIdRules.IsValid</c>'s call (shared with
/// the generator); this only explains it, with the same rules.
/// </summary>
internal static class TaskIds
{
    /// <summary>The longest id a backend stores.</summary>
    public const int MaxLength = TaskIdRules.MaxLength;

    /// <summary>Why <paramref name="id"/> is not a valid task id, or null when it is.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it is empty";
        }

        var pattern = TaskIdRules.MatchesPattern(id!)
            ? null
            : $"use lower-case letters and digits in segments joined by '.' or '-' ({TaskIdRules.Pattern})";
        var length = id!.Length > MaxLength ? $"it is {id.Length} characters long, more than {MaxLength}" : null;
        return (pattern, length) switch
        {
            (null, null) => null,
            ({ } p, null) => p,
            (null, { } l) => l,
            ({ } p, { } l) => l + "; " + p,
        };
    }
}
