using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SchemaTasks;

/// <summary>
/// Resolves <see cref="SchemaTasksOptions.Mode"/> once, when the options are first built, after every
/// <c>Configure</c>: a mode set in code wins; otherwise <c>ENABLE_ASYNC_TASKER</c> is read from
/// <see cref="IConfiguration"/> when one is registered (a host's configuration includes environment variables),
/// else from the environment. An invalid value is kept for <see cref="SchemaTasksOptionsValidator"/>, which fails
/// the host's start with it.
/// </summary>
internal sealed class AsyncTaskerModeSetup(IServiceProvider services) : IPostConfigureOptions<SchemaTasksOptions>
{
    public void PostConfigure(string? name, SchemaTasksOptions options)
    {
        if (options.Mode is not null)
        {
            options.ModeSource = "set in code by SchemaTasksOptions.Mode";
            return;
        }

        var configuration = services.GetService<IConfiguration>();
        var value = configuration is not null
            ? configuration[SchemaTasksOptions.AsyncTaskerKey]
            : Environment.GetEnvironmentVariable(SchemaTasksOptions.AsyncTaskerKey);
        if (AsyncTaskerSwitch.TryParse(value, out var mode))
        {
            options.Mode = mode;
            options.ModeSource = string.IsNullOrWhiteSpace(value)
                ? $"{SchemaTasksOptions.AsyncTaskerKey} is not set"
                : $"{SchemaTasksOptions.AsyncTaskerKey}={value.Trim()}";
        }
        else
        {
            options.ModeError = AsyncTaskerSwitch.InvalidValueMessage(value!);
        }
    }
}
