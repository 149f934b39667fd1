using System.Diagnostics;

namespace SchemaTasks.Testing;

/// <summary>
/// What the package tests share: this build's packages packed into a local feed, and a new consumer project that
/// references them by version from that feed, as a user's project does. Linked into each test project that packs.
/// </summary>
internal static class LocalPackages
{
    /// <summary>The repository root (the folder of <c>Generators.sln</c>) above the test assembly.</summary>
    public static string RepositoryRoot()
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

    /// <summary>The configuration this test assembly was built in (bin/&lt;configuration&gt;/net10.0): pack exactly that build.</summary>
    public static string BuildConfiguration =>
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;

    /// <summary>A version of its own per run, so that the machine's package cache never serves an older build.</summary>
    public static string NewVersion(string tag) => $"0.1.0-{tag}.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>Packs <paramref name="project"/> (a path under the repository) as built, without building it again.</summary>
    public static Task PackAsync(string project, string feed, string version) =>
        DotnetAsync(RepositoryRoot(), $"pack {project} --no-build -c {BuildConfiguration} -o {feed} -p:Version={version}");

    /// <summary>
    /// Writes a console project into <paramref name="directory"/> that restores only from <paramref name="feed"/>
    /// (and the machine's usual sources for the rest), nullable and warnings as errors, with
    /// <paramref name="properties"/> (MSBuild property elements) and <paramref name="packages"/> (name, version).
    /// </summary>
    public static async Task WriteConsumerAsync(string directory, string feed, string properties, params (string Name, string Version)[] packages)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var references = string.Join(Environment.NewLine, packages.Select(p => $"""    <PackageReference Include="{p.Name}" Version="{p.Version}" />"""));
        await File.WriteAllTextAsync(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            {properties}
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="directory"/>; returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> TryDotnetAsync(string directory, string arguments)
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
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs <c>dotnet</c> and fails the test with its output unless it succeeds.</summary>
    public static async Task<string> DotnetAsync(string directory, string arguments)
    {
        var (exitCode, output) = await TryDotnetAsync(directory, arguments);
        Assert.True(exitCode == 0, $"dotnet {arguments} failed ({exitCode}):\n{output}");
        return output;
    }
}
