using System.Collections.Concurrent;

namespace SchemaTasks.Sample.Webhooks;

/// <summary>Sends one webhook; throws when the subscriber does not accept it.</summary>
public interface IWebhookSender
{
    /// <summary>Posts the webhook.</summary>
    /// <param name="payload">The webhook.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken);
}

/// <summary>
/// A stand-in subscriber network for the sample and the tests: a URL containing <c>flaky</c> fails its first two
/// deliveries, one containing <c>down</c> always fails, one containing <c>huge</c> answers with a response too big to
/// buffer on the first attempt (an <see cref="OutOfMemoryException"/>, so the run moves to the bigger machine), any
/// other accepts.
/// </summary>
public sealed class SimulatedWebhookSender : IWebhookSender
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>How long a subscriber takes to answer: a delay uniform in [<see cref="Latency"/>, 2 × <see cref="Latency"/>). Default zero.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Every delivery that was accepted.</summary>
    public ConcurrentQueue<WebhookDeliveryPayload> Delivered { get; } = new();

    /// <inheritdoc />
    public async Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency * (1 + Random.Shared.NextDouble()), cancellationToken);
        }

        var attempt = _attempts.AddOrUpdate(payload.SubscriberUrl, 1, (_, n) => n + 1);
        if (payload.SubscriberUrl.Contains("down", StringComparison.Ordinal)
            || (payload.SubscriberUrl.Contains("flaky", StringComparison.Ordinal) && attempt <= 2))
        {
            throw new HttpRequestException($"{payload.SubscriberUrl} answered 503 (attempt {attempt}).");
        }

        if (payload.SubscriberUrl.Contains("huge", StringComparison.Ordinal) && attempt == 1)
        {
            throw new OutOfMemoryException($"{payload.SubscriberUrl} answered with a response too big to buffer.");
        }

        Delivered.Enqueue(payload);
    }
}
