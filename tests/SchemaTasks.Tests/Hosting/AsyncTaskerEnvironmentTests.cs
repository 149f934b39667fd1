using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks.Tests.Hosting;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>Changes a process-wide environment variable, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class AsyncTaskerEnvironmentTests
{
    [Fact]
    public void Without_an_IConfiguration_ENABLE_ASYNC_TASKER_is_read_from_the_environment()
    {
        var previous = Environment.GetEnvironmentVariable(SchemaTasksOptions.AsyncTaskerKey);
        Environment.SetEnvironmentVariable(SchemaTasksOptions.AsyncTaskerKey, "FALSE");
        try
        {
            var services = new ServiceCollection();
            services.AddSchemaTasks();
            using var provider = services.BuildServiceProvider();

            Assert.Equal(TaskRunMode.Sync, provider.GetRequiredService<TaskerContext>().Mode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SchemaTasksOptions.AsyncTaskerKey, previous);
        }
    }
}
