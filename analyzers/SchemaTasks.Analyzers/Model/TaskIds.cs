namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Why a task id is invalid, in words. Whether it is invalid is <c>TaskIdRules.IsValid</c>'s call (shared with
/// the generator); this only explains it.
/// </summary>
internal static class TaskIds
{
    /// <summary>The longest id a backend stores.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Why <paramref name="id"/> is not a valid task id, or null when it is. Written by hand rather than with a
    /// Regex: it runs on every task in the IDE, and the grammar is one loop.
    /// </summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it is empty";
        }

        var pattern = MatchesPattern(id!)
            ? null
            : "use lower-case letters and digits in segments joined by '.' or '-' (^[a-z0-9]+([.-][a-z0-9]+)*$)";
        var length = id!.Length > MaxLength ? $"it is {id.Length} characters long, more than {MaxLength}" : null;
        return (pattern, length) switch
        {
            (null, null) => null,
            ({ } p, null) => p,
            (null, { } l) => l,
            ({ } p, { } l) => l + "; " + p,
        };
    }

    private static bool MatchesPattern(string id)
    {
        var previousWasSeparator = true; // an id cannot start with a separator
        foreach (var c in id)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                previousWasSeparator = false;
            }
            else if (c is '.' or '-' && !previousWasSeparator)
            {
                previousWasSeparator = true;
            }
            else
            {
                return false;
            }
        }

        return !previousWasSeparator;
    }
}
