using System.Runtime.CompilerServices;

namespace SchemaTasks.Tests.Infrastructure;

/// <summary>
/// Points .NET's time-zone lookup at the zones the tests ship (TimeZones/zoneinfo, see TimeZones/README.md) before
/// any test runs, so that schedule tests do not depend on the machine's tzdata, which slim images leave out.
/// </summary>
internal static class ShippedTimeZones
{
    /// <summary>The environment variable .NET on Linux and macOS reads the tz database directory from.</summary>
    public const string TimeZoneDirectoryVariable = "TZDIR";

    /// <summary>Where the shipped zones are copied next to the test assembly.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TimeZones", "zoneinfo");

    // A module initializer runs before any code of the test assembly, hence before the first zone lookup.
#pragma warning disable CA2255 // The tests' own process: this is what module initializers are for.
    [ModuleInitializer]
    internal static void Use() => Environment.SetEnvironmentVariable(TimeZoneDirectoryVariable, Directory);
#pragma warning restore CA2255
}
