using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SchemaTasks.Tests.Hosting;

public sealed class AsyncTaskerSwitchTests
{
    [Theory]
    [InlineData(null, TaskRunMode.Async)]
    [InlineData("", TaskRunMode.Async)]
    [InlineData("   ", TaskRunMode.Async)]
    [InlineData("true", TaskRunMode.Async)]
    [InlineData(" TRUE ", TaskRunMode.Async)]
    [InlineData("false", TaskRunMode.Sync)]
    [InlineData("False", TaskRunMode.Sync)]
    [InlineData(" false\n", TaskRunMode.Sync)]
    public async Task The_host_starts_and_taskers_take_the_mode_of_ENABLE_ASYNC_TASKER(string? value, TaskRunMode expected)
    {
        using var host = BuildHost(value);
        await host.StartAsync();
        try
        {
            Assert.Equal(expected, host.Services.GetRequiredService<TaskerContext>().Mode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("ture")]
    public async Task Any_other_value_of_ENABLE_ASYNC_TASKER_fails_the_host_start_naming_the_variable_the_value_and_the_allowed_values(string value)
    {
        using var host = BuildHost(value);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ENABLE_ASYNC_TASKER", error.Message);
        Assert.Contains($"'{value}'", error.Message);
        Assert.Contains("'true'", error.Message);
        Assert.Contains("'false'", error.Message);
    }

    [Fact]
    public async Task A_mode_set_in_code_wins_over_ENABLE_ASYNC_TASKER()
    {
        using var host = BuildHost("garbage", options => options.Mode = TaskRunMode.Sync);
        await host.StartAsync();
        try
        {
            Assert.Equal(TaskRunMode.Sync, host.Services.GetRequiredService<TaskerContext>().Mode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_resolved_mode_and_its_source_are_logged_at_start()
    {
        var logs = new SchemaTasks.Tests.Infrastructure.ListLoggerProvider();
        using var host = BuildHost("false", logging: logs);
        await host.StartAsync();
        await host.StopAsync();

        var entry = Assert.Single(logs.WithId(1000));
        Assert.Contains("Sync", entry.Message);
        Assert.Contains("ENABLE_ASYNC_TASKER=false", entry.Message);
    }

    private static IHost BuildHost(string? value, Action<SchemaTasksOptions>? configure = null, ILoggerProvider? logging = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
        }

        // Last source wins: the test's value shadows any ENABLE_ASYNC_TASKER of the machine running the tests.
        builder.Configuration.AddInMemoryCollection([new(SchemaTasksOptions.AsyncTaskerKey, value)]);
        builder.Services.AddSchemaTasks(configure);
        return builder.Build();
    }
}
