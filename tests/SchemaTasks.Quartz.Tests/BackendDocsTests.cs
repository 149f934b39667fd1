using System.Reflection;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Quartz.Tests;

/// <summary>docs/backends.md lists every log event of the Quartz backend; this keeps the promise.</summary>
public sealed class BackendDocsTests
{
    [Fact]
    public void Every_log_event_of_the_backend_is_listed_with_its_id_and_level()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "backends.md"));
        var events = typeof(QuartzBackendLog).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        Assert.NotEmpty(events);
        Assert.All(events, message => Assert.Contains($"| {message.EventId} | {message.Level} |", page, StringComparison.Ordinal));
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
