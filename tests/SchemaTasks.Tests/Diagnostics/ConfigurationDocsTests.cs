using System.Reflection;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;

namespace SchemaTasks.Tests.Diagnostics;

/// <summary>
/// docs/configuration.md promises to list every log event, span, tag and metric; these tests keep the promise
/// when someone adds one.
/// </summary>
public sealed class ConfigurationDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

    public static TheoryData<int, string> LogEvents()
    {
        var events = new TheoryData<int, string>();
        foreach (var method in typeof(SchemaTasksLog).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } message)
            {
                events.Add(message.EventId, message.Level.ToString());
            }
        }

        return events;
    }

    [Theory]
    [MemberData(nameof(LogEvents))]
    public void Every_log_event_is_listed_with_its_id_and_level(int eventId, string level)
    {
        Assert.Contains($"| {eventId} | {level} |", Page, StringComparison.Ordinal);
    }

    public static TheoryData<string> TelemetryNames()
    {
        var names = new TheoryData<string>();
        foreach (var field in typeof(SchemaTasksTelemetry).GetFields(BindingFlags.Static | BindingFlags.Public))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(TelemetryNames))]
    public void Every_span_and_tag_name_is_documented(string name)
    {
        Assert.Contains($"`{name}`", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_instrument_of_the_meter_is_documented()
    {
        // The instruments are created with the telemetry class; a listener sees those already created when it starts.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(SchemaTasksTelemetry).TypeHandle);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var instruments = new List<string>();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == SchemaTasksTelemetry.Name)
            {
                instruments.Add(instrument.Name);
            }
        };
        listener.Start();

        Assert.NotEmpty(instruments);
        Assert.All(instruments, name => Assert.Contains($"`{name}`", Page, StringComparison.Ordinal));
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

        throw new InvalidOperationException("The repository root (Generators.sln) was not found above the test assembly.");
    }
}
