using Microsoft.Extensions.Options;
using SchemaTasks.Execution;

namespace SchemaTasks;

/// <summary>
/// Fails the host's start (the options are validated on start) when <c>ENABLE_ASYNC_TASKER</c> has a value other
/// than true or false, or when the registered task definitions conflict (one id twice, one queue with two limits).
/// </summary>
internal sealed class SchemaTasksOptionsValidator(IEnumerable<TaskDefinition> tasks) : IValidateOptions<SchemaTasksOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaTasksOptions options)
    {
        var failures = new List<string>();
        if (options.ModeError is { } modeError)
        {
            failures.Add(modeError);
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add("SchemaTasksOptions.JsonSerializerOptions must not be null.");
        }

        if (options.RunHistoryLimit < 1)
        {
            failures.Add($"SchemaTasksOptions.RunHistoryLimit must be at least 1 (it is {options.RunHistoryLimit}).");
        }

        if (options.MaxUnfinishedRuns < 1)
        {
            failures.Add($"SchemaTasksOptions.MaxUnfinishedRuns must be at least 1 (it is {options.MaxUnfinishedRuns}).");
        }

        failures.AddRange(TaskRegistry.FindConflicts(tasks));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
