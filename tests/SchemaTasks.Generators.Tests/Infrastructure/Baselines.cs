using System.Runtime.CompilerServices;

namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files: the expected generated sources under <c>Baselines/{test}/{hint name}.cs.txt</c>, compared line
/// by line. <c>SCHEMATASKS_UPDATE_BASELINES=1</c> rewrites them in the source tree, to be reviewed as a diff.
/// </summary>
internal static class Baselines
{
    private const string UpdateVariable = "SCHEMATASKS_UPDATE_BASELINES";

    /// <summary>Compares (or rewrites) every generated source of <paramref name="run"/> with the test's baselines.</summary>
    public static void Verify(GeneratorRun run, [CallerMemberName] string testName = "")
    {
        Assert.NotEmpty(run.Sources);
        var directory = Path.Combine(ProjectDirectory(), "Baselines", testName);
        var expectedFiles = run.Sources.ToDictionary(s => FileName(s.HintName), s => Normalize(s.SourceText.ToString()));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (file, text) in expectedFiles)
            {
                File.WriteAllText(Path.Combine(directory, file), text);
            }

            return;
        }

        var hint = $" Run the tests with {UpdateVariable}=1 to rewrite the baselines, then review the diff.";
        Assert.True(Directory.Exists(directory), $"No baselines in {directory}.{hint}");
        var onDisk = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.True(
            onDisk.SequenceEqual(expectedFiles.Keys.Order(StringComparer.Ordinal)),
            $"Generated files [{string.Join(", ", expectedFiles.Keys.Order(StringComparer.Ordinal))}] differ from the baselines [{string.Join(", ", onDisk)}].{hint}");

        foreach (var (file, actualText) in expectedFiles)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(directory, file))).Split('\n');
            var actual = actualText.Split('\n');
            for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
            {
                var expectedLine = i < expected.Length ? expected[i] : "<end of file>";
                var actualLine = i < actual.Length ? actual[i] : "<end of file>";
                Assert.True(
                    expectedLine == actualLine,
                    $"{testName}/{file} line {i + 1}:\n expected: {expectedLine}\n   actual: {actualLine}\n{hint}");
            }
        }
    }

    private static string FileName(string hintName) =>
        (hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName) + ".cs.txt";

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    // The source folder, not bin: rewritten baselines must land where they are checked in. The compiler's path of
    // this file says where it is, unless a path map hid it (CI builds); then the folder is found above bin.
    private static string ProjectDirectory([CallerFilePath] string thisFile = "")
    {
        var fromSource = Path.GetDirectoryName(Path.GetDirectoryName(thisFile));
        if (fromSource is not null && File.Exists(Path.Combine(fromSource, ProjectFile)))
        {
            return fromSource;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Cannot find the folder of {ProjectFile} from {thisFile} or {AppContext.BaseDirectory}.");
    }

    private const string ProjectFile = "SchemaTasks.Generators.Tests.csproj";
}
