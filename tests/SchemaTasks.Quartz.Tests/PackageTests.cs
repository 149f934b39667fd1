using SchemaTasks.Testing;

namespace SchemaTasks.Quartz.Tests;

/// <summary>
/// The two packages as a user gets them: packed into a local folder, referenced by version (and nothing else) from a
/// new project outside the repository, built with warnings as errors, and run on the RAM store.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public async Task A_new_consumer_of_the_packages_builds_without_warnings_and_runs_a_task_on_the_RAM_store()
    {
        var work = Directory.CreateTempSubdirectory("schematasks-package-");
        try
        {
            var version = LocalPackages.NewVersion("test");
            var feed = Path.Combine(work.FullName, "feed");
            await LocalPackages.PackAsync("src/SchemaTasks", feed, version);
            await LocalPackages.PackAsync("src/SchemaTasks.Quartz", feed, version);

            var consumer = Path.Combine(work.FullName, "consumer");
            await LocalPackages.WriteConsumerAsync(
                consumer,
                feed,
                "    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>",
                ("SchemaTasks", version),
                ("SchemaTasks.Quartz", version),
                ("Microsoft.Extensions.Hosting", "10.0.0"));
            await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;
                using SchemaTasks;

                var task = new TaskDefinition<Greeting>("consumer.greet", (_, greeting, context, _) =>
                {
                    Console.WriteLine($"ran {context.TaskId}: {greeting.Name}");
                    return Task.CompletedTask;
                });
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).AddTask(task).UseQuartz();
                using var host = builder.Build();
                await host.StartAsync();
                var handle = await host.Services.GetRequiredService<ITaskTrigger>().TriggerAsync(task, new Greeting("package"), null, default);
                var run = await host.Services.GetRequiredService<ITaskRuns>().WaitForCompletionAsync(handle.RunId, TimeSpan.FromSeconds(30));
                Console.WriteLine($"status {run.Status}");
                await host.StopAsync();
                return run.Status == TaskRunStatus.Completed ? 0 : 1;

                public sealed record Greeting(string Name);
                """);

            var output = await LocalPackages.DotnetAsync(consumer, "run");

            Assert.Contains("ran consumer.greet: package", output, StringComparison.Ordinal);
            Assert.Contains("status Completed", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
