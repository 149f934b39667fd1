using SchemaTasks.Scheduling;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>The schedule tests read the zones they ship, not the machine's tzdata (TimeZones/README.md).</summary>
public sealed class ShippedTimeZonesTests
{
    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Every_zone_the_tests_use_is_shipped_next_to_them(string id)
    {
        Assert.Equal(ShippedTimeZones.Directory, Environment.GetEnvironmentVariable(ShippedTimeZones.TimeZoneDirectoryVariable));
        Assert.True(File.Exists(Path.Combine(ShippedTimeZones.Directory, id)), $"{id} is not shipped");
        Assert.Equal(id, ScheduleTimeZones.Find(id).Id);
    }

    [Fact]
    public void A_zone_the_tests_do_not_ship_is_not_read_from_the_machine()
    {
        // Europe/Berlin is in every full tzdata: found here only if the lookup still read the machine's copy.
        if (OperatingSystem.IsWindows())
        {
            // Windows keeps its zones in the registry and ignores TZDIR.
            Assert.Equal("Europe/Berlin", ScheduleTimeZones.Find("Europe/Berlin").Id);
        }
        else
        {
            Assert.False(File.Exists(Path.Combine(ShippedTimeZones.Directory, "Europe", "Berlin")));
            Assert.Throws<TimeZoneNotFoundException>(() => ScheduleTimeZones.Find("Europe/Berlin"));
        }
    }
}
