using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    private static IHost BuildHost(string? value, Action<SchemaTasksOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Last source wins: the test's value shadows any ENABLE_ASYNC_TASKER of the machine running the tests.
        builder.Configuration.AddInMemoryCollection([new(SchemaTasksOptions.AsyncTaskerKey, value)]);
        builder.Services.AddSchemaTasks(configure);
        return builder.Build();
    }
}
