namespace SchemaTasks.Roslyn;

/// <summary>
/// The form of a task id (STK0002): <c>domain.task-name</c>, lower-case letters and digits in segments joined by
/// single <c>.</c> or <c>-</c>, at most <see cref="MaxLength"/> characters. Shared by the generator (which emits
/// nothing for a bad id) and the analyzer (which says why).
/// </summary>
internal static class TaskIdRules
{
    /// <summary>The longest task id allowed.</summary>
    public const int MaxLength = 128;

    /// <summary>The regular expression an id matches, for messages and docs.</summary>
    public const string Pattern = "^[a-z0-9]+([.-][a-z0-9]+)*$";

    /// <summary>
    /// Whether <paramref name="id"/> is a valid task id. A hand-written scan rather than a regex: it runs in the
    /// IDE on every keystroke and cannot backtrack.
    /// </summary>
    public static bool IsValid(string? id) =>
        id is not null && id.Length <= MaxLength && MatchesPattern(id);

    /// <summary>Whether <paramref name="id"/> matches <see cref="Pattern"/>, whatever its length.</summary>
    public static bool MatchesPattern(string id)
    {
        var previousWasSeparator = true; // the id cannot start with a separator (and an empty id ends here)
        foreach (var c in id)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                previousWasSeparator = false;
            }
            else if (c is '.' or '-')
            {
                if (previousWasSeparator)
                {
                    return false;
                }

                previousWasSeparator = true;
            }
            else
            {
                return false;
            }
        }

        return !previousWasSeparator; // nor end with one
    }
}
