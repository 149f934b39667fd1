namespace Acme.Webhooks;

public sealed record WebhookDeliveryPayload(string SubscriberUrl, string EventType, string Body);

public sealed class WebhookDeliveryPayloadValidator : AbstractValidator<WebhookDeliveryPayload>
{
    public WebhookDeliveryPayloadValidator()
    {
        RuleFor(p => p.SubscriberUrl).NotEmpty();
        RuleFor(p => p.EventType).NotEmpty().MaximumLength(100);
    }
}

public interface IWebhookSender
{
    Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken);
}

[TaskQueue("webhook-delivery", ConcurrencyLimit = 20)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class WebhooksTaskConfig;

public sealed class WebhooksTaskService(ILogger<WebhooksTaskService> logger)
{
    // Rethrows after logging, so that the retry policy fires.
    [SchemaTask("webhook.deliver", Config = typeof(WebhooksTaskConfig))]
    public async Task DeliverAsync(
        WebhookDeliveryPayload payload,
        IWebhookSender sender,
        TaskRunContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(payload, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Delivery of {EventType} failed on attempt {Attempt}", payload.EventType, context.Attempt);
            throw;
        }
    }
}
