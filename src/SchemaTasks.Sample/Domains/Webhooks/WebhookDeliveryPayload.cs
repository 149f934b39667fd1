using FluentValidation;

namespace SchemaTasks.Sample.Webhooks;

/// <summary>One webhook to deliver.</summary>
/// <param name="SubscriberUrl">Where to POST it; absolute http(s).</param>
/// <param name="EventType">The event, e.g. <c>booking.created</c>.</param>
/// <param name="Body">The JSON body.</param>
public sealed record WebhookDeliveryPayload(string SubscriberUrl, string EventType, string Body);

/// <summary>Validates <see cref="WebhookDeliveryPayload"/>.</summary>
public sealed class WebhookDeliveryPayloadValidator : AbstractValidator<WebhookDeliveryPayload>
{
    /// <summary>The rules.</summary>
    public WebhookDeliveryPayloadValidator()
    {
        RuleFor(p => p.SubscriberUrl)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage("'Subscriber Url' must be an absolute http or https URL.");
        RuleFor(p => p.EventType).NotEmpty().MaximumLength(100);
        RuleFor(p => p.Body).NotNull();
    }
}
