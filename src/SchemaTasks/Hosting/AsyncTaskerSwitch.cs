namespace SchemaTasks;

/// <summary>Reads <c>ENABLE_ASYNC_TASKER</c>: unset, empty or <c>true</c> is async; <c>false</c> is sync; case-insensitive, trimmed.</summary>
internal static class AsyncTaskerSwitch
{
    public static bool TryParse(string? value, out TaskRunMode mode)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
        {
            mode = TaskRunMode.Async;
            return true;
        }

        if (string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
        {
            mode = TaskRunMode.Sync;
            return true;
        }

        mode = default;
        return false;
    }

    public static string InvalidValueMessage(string value) =>
        $"{SchemaTasksOptions.AsyncTaskerKey} has the value '{value}', which is not allowed. "
        + $"Allowed values: 'true' (taskers enqueue runs; also the default when the variable is unset or empty) "
        + $"or 'false' (taskers run tasks inline), case-insensitive.";
}
