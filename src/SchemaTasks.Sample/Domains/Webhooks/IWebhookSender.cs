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
/// deliveries, one containing <c>down</c> always fails, any other accepts.
/// </summary>
public sealed class SimulatedWebhookSender : IWebhookSender
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>Every delivery that was accepted.</summary>
    public ConcurrentQueue<WebhookDeliveryPayload> Delivered { get; } = new();

    /// <inheritdoc />
    public Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var attempt = _attempts.AddOrUpdate(payload.SubscriberUrl, 1, (_, n) => n + 1);
        if (payload.SubscriberUrl.Contains("down", StringComparison.Ordinal)
            || (payload.SubscriberUrl.Contains("flaky", StringComparison.Ordinal) && attempt <= 2))
        {
            throw new HttpRequestException($"{payload.SubscriberUrl} answered 503 (attempt {attempt}).");
        }

        Delivered.Enqueue(payload);
        return Task.CompletedTask;
    }
}
