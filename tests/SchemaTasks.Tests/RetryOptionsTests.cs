using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests;

public sealed class RetryOptionsTests
{
    [Fact]
    public void No_retry_once_failed_attempts_reach_max_attempts()
    {
        var retry = new RetryOptions { MaxAttempts = 3, Randomize = false };
        Assert.Null(retry.NextDelay(3));
        Assert.Null(retry.NextDelay(4));
        Assert.NotNull(retry.NextDelay(2));
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 8000)]
    [InlineData(6, 32000)]
    [InlineData(7, 60000)]
    [InlineData(9, 60000)]
    public void Delay_without_jitter_grows_by_the_factor_from_the_min_timeout_up_to_the_max(int failed, int expectedMs)
    {
        var retry = new RetryOptions { MaxAttempts = 10, Randomize = false };
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), retry.NextDelay(failed));
    }

    [Fact]
    public void Delay_follows_the_pattern_config_of_the_calendars_domain()
    {
        var retry = new RetryOptions { MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, Randomize = false };
        Assert.Equal(TimeSpan.FromSeconds(60), retry.NextDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(120), retry.NextDelay(2));
        Assert.Null(retry.NextDelay(3));
    }

    [Fact]
    public void Delay_is_rounded_to_whole_milliseconds()
    {
        var retry = new RetryOptions { MaxAttempts = 5, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000, Randomize = false };
        Assert.Equal(TimeSpan.FromMilliseconds(900), retry.NextDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(1620), retry.NextDelay(3));
        Assert.Equal(TimeSpan.FromMilliseconds(2916), retry.NextDelay(4));
    }

    [Theory]
    [InlineData(0.0, 1000)]
    [InlineData(0.5, 1500)]
    [InlineData(0.9999, 2000)]
    public void Jitter_multiplies_the_delay_by_a_factor_in_one_to_two(double sample, int expectedMs)
    {
        var retry = new RetryOptions { MaxAttempts = 3, Randomize = true };
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), retry.NextDelay(1, new FixedRandom(sample)));
    }

    [Fact]
    public void Jittered_delays_stay_within_their_bounds_for_a_seeded_random()
    {
        var retry = new RetryOptions { MaxAttempts = 10, Randomize = true };
        var random = new Random(12345);
        for (var i = 0; i < 1000; i++)
        {
            var failed = (i % 5) + 1;
            var baseMs = 1000 * Math.Pow(2, failed - 1);
            var delay = retry.NextDelay(failed, random)!.Value.TotalMilliseconds;
            Assert.InRange(delay, baseMs, Math.Min(60_000, 2 * baseMs));
        }
    }

    [Fact]
    public void Retry_delay_is_capped_after_jitter()
    {
        var retry = new RetryOptions { MaxAttempts = 10, MinTimeoutInMs = 40_000, MaxTimeoutInMs = 60_000, Randomize = true };
        Assert.Equal(TimeSpan.FromMilliseconds(60_000), retry.NextDelay(1, new FixedRandom(0.9)));
        Assert.Equal(TimeSpan.FromMilliseconds(40_000), retry.NextDelay(1, new FixedRandom(0)));
    }

    [Fact]
    public void Jitter_is_ignored_when_randomize_is_off()
    {
        var retry = new RetryOptions { MaxAttempts = 3, Randomize = false };
        Assert.Equal(TimeSpan.FromMilliseconds(1000), retry.NextDelay(1, new FixedRandom(0.9)));
    }

    [Fact]
    public void Failed_attempts_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryOptions.Default.NextDelay(0));
    }
}
