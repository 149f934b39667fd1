using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Rendering;

/// <summary>The page frame: header, navigation, assets, antiforgery token, and the security headers.</summary>
internal static class Layout
{
    private static readonly (string Page, string Title)[] Pages =
    [
        ("tasks", "Tasks"), ("runs", "Runs"), ("queues", "Queues"), ("test", "Test"), ("advice", "Advice"),
    ];

    /// <summary>A full page, or only its live region's content when the request asks for <c>?partial=1</c>.</summary>
    public static IResult Page(DashboardContext context, string page, string title, string body, string? liveRegion = null)
    {
        if (context.Partial)
        {
            return Respond(context.Http, liveRegion ?? body);
        }

        var tokens = context.AntiforgeryTokens();
        var field = context.Http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · ").Append(E(context.Options.Title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(context.Base)).Append("/assets/dashboard.css?v=").Append(DashboardAssets.Version("dashboard.css")).Append("\">")
            .Append("<script src=\"").Append(E(context.Base)).Append("/assets/dashboard.js?v=").Append(DashboardAssets.Version("dashboard.js")).Append("\" defer></script>")
            .Append("<meta name=\"schematasks-antiforgery\" content=\"").Append(E(tokens.RequestToken)).Append("\" data-field=\"").Append(E(field)).Append("\">")
            .Append("<meta name=\"schematasks-refresh\" content=\"").Append(Int(context.Options.RefreshIntervalMs)).Append("\">")
            .Append("</head><body data-page=\"").Append(page).Append("\">")
            .Append("<header><a class=\"brand\" href=\"").Append(E(context.Base)).Append("/tasks\">").Append(E(context.Options.Title)).Append("</a><nav>");
        foreach (var (name, label) in Pages)
        {
            html.Append("<a href=\"").Append(E(context.Base)).Append('/').Append(name).Append('"')
                .Append(name == page ? " class=\"active\" aria-current=\"page\"" : "").Append('>').Append(label).Append("</a>");
        }

        html.Append("</nav><span class=\"live-indicator\" data-live-indicator title=\"Live updates\">live</span></header><main>")
            .Append(body)
            .Append("</main></body></html>");
        return Respond(context.Http, html.ToString());
    }

    /// <summary>A region the script refreshes every few seconds from <paramref name="url"/> (its <c>?partial=1</c> form).</summary>
    public static string LiveRegion(string url, string content, string id = "live") =>
        $"<div id=\"{E(id)}\" data-live=\"{E(url)}\">{content}</div>";

    /// <summary>A URL with <c>partial=1</c> added to its query.</summary>
    public static string PartialUrl(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "partial=1";

    private static IResult Respond(HttpContext http, string html)
    {
        var headers = http.Response.Headers;
        // No inline script and no third-party source: everything comes from the dashboard's own assets.
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
