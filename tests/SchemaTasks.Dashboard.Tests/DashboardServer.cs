using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchemaTasks.Dashboard;
using SchemaTasks.Sample.Billing;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Dashboard.Tests;

/// <summary>How a test wants its dashboard app.</summary>
internal sealed record ServerSetup
{
    public string Environment { get; init; } = "Development";

    public bool? ShowPayloads { get; init; }

    /// <summary>Map the dashboard with <c>.RequireAuthorization()</c> and a header scheme (<c>X-Test-User</c>).</summary>
    public bool RequireAuthorization { get; init; }

    /// <summary>Pretend every request comes from another machine (a middleware sets the remote address).</summary>
    public bool RemoteClient { get; init; }

    public TimeSpan WebhookLatency { get; init; }
}

/// <summary>
/// A real ASP.NET Core app on Kestrel at 127.0.0.1 (a free port) with the three reference domains and the dashboard
/// at <c>/schematasks</c>.
/// </summary>
internal sealed partial class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public string Dashboard => Address.ToString().TrimEnd('/') + "/schematasks";

    public IServiceProvider Services => _app.Services;

    public ITaskRuns Runs => Services.GetRequiredService<ITaskRuns>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<DashboardServer> StartAsync(ServerSetup? setup = null)
    {
        setup ??= new ServerSetup();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = setup.Environment, ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaTasks();
        builder.Services.AddCalendarsTasker().AddSingleton<ICalendarRepository, InMemoryCalendarRepository>();
        builder.Services.AddWebhooksTasker().AddSingleton<IWebhookSender>(new SimulatedWebhookSender { Latency = setup.WebhookLatency });
        builder.Services.AddMonthlyProrationTasker().AddSingleton<IBillingRepository, InMemoryBillingRepository>();
        builder.Services.AddSchemaTasksDashboard(options =>
        {
            options.ShowPayloads = setup.ShowPayloads;
            options.RefreshIntervalMs = 250;
        });
        if (setup.RequireAuthorization)
        {
            builder.Services.AddAuthentication(HeaderAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
            builder.Services.AddAuthorization();
        }

        var app = builder.Build();
        if (setup.RemoteClient)
        {
            app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return next(context);
            });
        }

        if (setup.RequireAuthorization)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapSchemaTasksDashboard().RequireAuthorization();
        }
        else
        {
            app.MapSchemaTasksDashboard();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, new Uri(address));
    }

    /// <summary>A client that keeps cookies (the antiforgery cookie) and does not follow redirects.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>Reads a page and returns the antiforgery form field and request token it carries.</summary>
    public static async Task<(string Field, string Token)> AntiforgeryAsync(HttpClient client, string path = "/schematasks/tasks")
    {
        var html = await client.GetStringAsync(path);
        var match = TokenMeta().Match(html);
        Assert.True(match.Success, "The page carries no antiforgery token.");
        return (WebUtility.HtmlDecode(match.Groups["field"].Value), WebUtility.HtmlDecode(match.Groups["token"].Value));
    }

    /// <summary>Posts a form with the antiforgery token of a freshly read page.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            var (field, token) = await AntiforgeryAsync(client);
            form[field] = token;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public async Task<TaskRunInfo> WaitAsync(string runId) => await Runs.WaitForCompletionAsync(runId, TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("<meta name=\"schematasks-antiforgery\" content=\"(?<token>[^\"]*)\" data-field=\"(?<field>[^\"]*)\">")]
    private static partial Regex TokenMeta();

    /// <summary>Authenticates a request that names its user in <c>X-Test-User</c>.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-User", out var user) || string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
