using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace SchemaTasks.Tests.Packaging;

/// <summary>
/// The SchemaTasks package as this build makes it: packed once per test class (dotnet pack --no-build of the build the
/// tests run in, the Roslyn projects being built first by this project's references) into a feed of its own, with a
/// version of its own so that the machine's package cache never serves an older build.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("schematasks-pack-");

    /// <summary>The repository root.</summary>
    public string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The folder that holds the package, usable as a NuGet source.</summary>
    public string Feed => Path.Combine(_work.FullName, "feed");

    /// <summary>A scratch folder, deleted with the package.</summary>
    public string Work => _work.FullName;

    /// <summary>The package's version.</summary>
    public string Version { get; } = $"0.1.0-pack.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>Every entry of the package, by path.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; private set; } = new Dictionary<string, byte[]>();

    /// <summary>The package's nuspec.</summary>
    public XDocument Nuspec { get; private set; } = new();

    /// <summary>An MSBuild property of this build (Directory.Build.props), as the test project recorded it.</summary>
    public static string BuildProperty(string name) =>
        typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value!;

    /// <summary>The text of an entry.</summary>
    public string Text(string entry) => System.Text.Encoding.UTF8.GetString(Entries[entry]).TrimStart('\uFEFF');

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // The configuration this test assembly was built in (bin/<configuration>/net10.0): pack exactly that build.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)));
        await DotnetAsync(RepoRoot, $"pack src/SchemaTasks --no-build -c {configuration} -o {Feed} -p:Version={Version}");

        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"SchemaTasks.{Version}.nupkg"));
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            entries[entry.FullName] = buffer.ToArray();
        }

        Entries = entries;
        Nuspec = XDocument.Parse(Text("SchemaTasks.nuspec"));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _work.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs <c>dotnet</c>; returns its output, or fails the test with it when the exit code is not 0.</summary>
    public static async Task<(int ExitCode, string Output)> TryDotnetAsync(string directory, string arguments)
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

    private static string FindRepoRoot()
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
