namespace SchemaTasks.Tests;

public sealed class RetryOptionsTests
{
    [Fact]
    public void No_retry_once_failed_attempts_reach_max_attempts()
    {
        var retry = new RetryOptions { MaxAttempts = 3, Randomize = false };
        Assert.Null(retry.NextDelay(3));
    }
}
