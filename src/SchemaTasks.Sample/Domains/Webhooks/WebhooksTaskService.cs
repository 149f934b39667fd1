using Microsoft.Extensions.Logging;

namespace SchemaTasks.Sample.Webhooks;

/// <summary>Delivers webhooks to subscribers.</summary>
/// <param name="logger">The logger.</param>
public sealed class WebhooksTaskService(ILogger<WebhooksTaskService> logger)
{
    /// <summary>Delivers one webhook. A failure is logged and rethrown so that the retry policy fires.</summary>
    /// <param name="payload">The webhook.</param>
    /// <param name="sender">The sender, resolved per run.</param>
    /// <param name="context">The attempt being run.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
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
            logger.LogWarning(ex, "Delivery of '{EventType}' failed on attempt {Attempt}", payload.EventType, context.Attempt);
            throw;
        }
    }
}
