using System.Diagnostics;

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
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("schematasks-package-");
        try
        {
            // A version of its own per run, so that the machine's package cache never serves an older build.
            var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var feed = Path.Combine(work.FullName, "feed");
            // The configuration this test assembly was built in (bin/<configuration>/net10.0): pack exactly that build.
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)));
            // --no-build: packs what the solution build produced (the test project references the projects packed).
            await DotnetAsync(root, $"pack src/SchemaTasks --no-build -c {configuration} -o {feed} -p:Version={version}");
            await DotnetAsync(root, $"pack src/SchemaTasks.Quartz --no-build -c {configuration} -o {feed} -p:Version={version}");

            var consumer = Path.Combine(work.FullName, "consumer");
            Directory.CreateDirectory(consumer);
            await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SchemaTasks" Version="{version}" />
                    <PackageReference Include="SchemaTasks.Quartz" Version="{version}" />
                    <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />
                  </ItemGroup>
                </Project>
                """);
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

            var output = await DotnetAsync(consumer, "run");

            Assert.Contains("ran consumer.greet: package", output, StringComparison.Ordinal);
            Assert.Contains("status Completed", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> DotnetAsync(string directory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed ({process.ExitCode}):\n{text}");
        return text;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Generators.sln not found above the test assembly.");
    }
}
