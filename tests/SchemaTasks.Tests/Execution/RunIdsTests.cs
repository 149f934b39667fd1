using SchemaTasks.Execution;

namespace SchemaTasks.Tests.Execution;

public sealed class RunIdsTests
{
    [Fact]
    public void A_run_id_is_run_and_a_version_7_uuid_in_32_lowercase_hex_digits()
    {
        var id = RunIds.New();

        Assert.StartsWith("run_", id, StringComparison.Ordinal);
        Assert.Equal(36, id.Length);
        Assert.Matches("^run_[0-9a-f]{32}$", id);
        var uuid = Guid.ParseExact(id[4..], "N");
        Assert.Equal(7, uuid.Version);
        Assert.Equal(0b10, uuid.Variant >> 2);
    }

    [Fact]
    public void A_run_id_carries_its_millisecond_timestamp_where_a_version_7_uuid_does()
    {
        var at = DateTimeOffset.Parse("2026-11-29T12:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);

        var id = RunIds.New(at.ToUnixTimeMilliseconds());

        // The first 48 bits of both are the Unix milliseconds; only the random bits after them differ.
        Assert.Equal(Guid.CreateVersion7(at).ToString("N")[..12], id[4..16]);
    }

    [Fact]
    public void Run_ids_sort_by_the_millisecond_they_were_made_in()
    {
        var earlier = Enumerable.Range(0, 100).Select(_ => RunIds.New(1_800_000_000_000)).ToList();
        var later = Enumerable.Range(0, 100).Select(_ => RunIds.New(1_800_000_000_001)).ToList();

        Assert.All(earlier, e => Assert.All(later, l => Assert.True(string.CompareOrdinal(e, l) < 0, $"{e} sorts after {l}")));
    }

    [Fact]
    public void Run_ids_made_in_the_same_millisecond_on_many_threads_are_distinct()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                ids.Add(RunIds.New(1_800_000_000_000));
            }
        });

        Assert.Equal(200_000, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
