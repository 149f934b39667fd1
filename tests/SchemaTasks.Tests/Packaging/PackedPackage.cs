using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using SchemaTasks.Testing;

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
    public string RepoRoot { get; } = LocalPackages.RepositoryRoot();

    /// <summary>The folder that holds the package, usable as a NuGet source.</summary>
    public string Feed => Path.Combine(_work.FullName, "feed");

    /// <summary>A scratch folder, deleted with the package.</summary>
    public string Work => _work.FullName;

    /// <summary>The package's version.</summary>
    public string Version { get; } = LocalPackages.NewVersion("pack");

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
        await LocalPackages.PackAsync("src/SchemaTasks", Feed, Version);

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
}
