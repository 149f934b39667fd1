using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser: every step waits on a signal of the page (a status badge, a validation message,
/// a URL), never on a fixed sleep. Screenshots go to the test results folder.
/// </summary>
public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private DashboardServer Server => browser.Server;

    [Fact]
    public async Task Tasks_page_lists_every_registered_task()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(Server.Dashboard + "/tasks");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tasks");
        var count = Server.Services.GetServices<TaskDefinition>().Count();
        await Assertions.Expect(page.Locator("tr[data-task]")).ToHaveCountAsync(count);
        await Assertions.Expect(page.Locator("tr[data-task=\"billing.monthly-proration.schedule\"] [data-next-occurrences] li")).ToHaveCountAsync(5);
        await BrowserFixture.ScreenshotAsync(page, "tasks");
    }

    [Fact]
    public async Task A_valid_test_payload_triggers_a_run_followed_live_until_it_completes()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Server.Dashboard + "/test?task=calendars.ensure-default-calendars");

        await page.Locator("[data-payload-editor]").FillAsync("{\n  \"userId\": 7\n}");
        await page.Locator("[data-trigger-async]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-live-target] [data-run-status=\"Completed\"]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-validation]")).ToHaveAttributeAsync("data-validation-result", "valid");
        Assert.Contains("Work", Server.Get<ICalendarRepository>().CalendarsOf(7));
        await BrowserFixture.ScreenshotAsync(page, "test");
    }

    [Fact]
    public async Task An_invalid_test_payload_shows_the_validators_messages_and_triggers_nothing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Server.Dashboard + "/test?task=webhook.deliver");
        var before = (await Server.Runs.ListAsync(new TaskRunQuery { TaskId = "webhook.deliver", Take = 1000 })).Count;

        await page.Locator("[data-payload-editor]").FillAsync("""{ "subscriberUrl": "ftp://nope", "eventType": "", "body": "{}" }""");
        await page.Locator("[data-trigger-async]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-validation-error=\"SubscriberUrl\"]")).ToContainTextAsync("'Subscriber Url' must be an absolute http or https URL.");
        await Assertions.Expect(page.Locator("[data-validation-error=\"EventType\"]")).ToContainTextAsync("'Event Type' must not be empty.");
        await Assertions.Expect(page.Locator("[data-test-run]")).ToBeHiddenAsync();
        Assert.Equal(before, (await Server.Runs.ListAsync(new TaskRunQuery { TaskId = "webhook.deliver", Take = 1000 })).Count);
        await BrowserFixture.ScreenshotAsync(page, "test-invalid");
    }

    [Fact]
    public async Task A_delayed_run_is_canceled_with_its_button()
    {
        var run = await Server.Get<IWebhooksTasker>().DeliverAsync(
            new WebhookDeliveryPayload("https://hooks.example.com/reminder", "booking.reminder", "{\"bookingId\":42}"),
            new TriggerOptions { Delay = TimeSpan.FromHours(1), Tags = ["reminder", "booking:42"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Server.Dashboard}/runs/{run.RunId}");
        await Assertions.Expect(page.Locator(".run-detail [data-run-status=\"Delayed\"]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "run-detail");

        await page.Locator("[data-cancel]").ClickAsync();

        await Assertions.Expect(page.Locator(".run-detail [data-run-status=\"Canceled\"]")).ToBeVisibleAsync();
        Assert.Equal(TaskRunStatus.Canceled, (await Server.Runs.GetAsync(run.RunId))!.Status);
    }

    [Fact]
    public async Task A_failed_run_is_replayed_with_its_button()
    {
        var failed = await Server.Get<IWebhooksTasker>().DeliverAsync(
            new WebhookDeliveryPayload("https://down.example.com/hooks", "booking.created", "{}"), new TriggerOptions { MaxAttempts = 1 });
        Assert.Equal(TaskRunStatus.Failed, (await Server.WaitAsync(failed.RunId)).Status);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Server.Dashboard}/runs/{failed.RunId}");
        await Assertions.Expect(page.Locator(".run-detail [data-run-status=\"Failed\"]")).ToBeVisibleAsync();

        await page.Locator("[data-replay]").ClickAsync();

        // The page follows the new run: its tags name the run it replays.
        await Assertions.Expect(page.Locator("[data-tags]")).ToContainTextAsync("replay:" + failed.RunId);
        Assert.DoesNotContain(failed.RunId, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var replays = await Server.Runs.ListAsync(new TaskRunQuery { Tag = "replay:" + failed.RunId });
        Assert.Single(replays);

        await page.GotoAsync(Server.Dashboard + "/runs");
        await Assertions.Expect(page.Locator($"tr[data-run-id=\"{replays[0].RunId}\"]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "runs");
    }

    [Fact]
    public async Task Queues_page_updates_live_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Server.Dashboard + "/queues");
        var row = page.Locator("tr[data-queue=\"calendars\"]");
        var delayed = int.Parse(await row.GetAttributeAsync("data-delayed") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await Server.Get<ICalendarsTasker>().EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(99), new TriggerOptions { Delay = TimeSpan.FromHours(2), ConcurrencyKey = "tenant-a" });

        await Assertions.Expect(page.Locator($"tr[data-queue=\"calendars\"][data-delayed=\"{delayed + 1}\"]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-queue-key=\"tenant-a\"]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "queues");
    }

    [Fact]
    public async Task Advice_after_a_burst_suggests_the_limit_computed_from_the_same_runs()
    {
        // Its own app, so that no other test's runs are in the window.
        await using var server = await DashboardServer.StartAsync(new ServerSetup { WebhookLatency = TimeSpan.FromMilliseconds(60) });
        var webhooks = server.Get<IWebhooksTasker>();
        var handles = new List<TaskRunHandle>();
        for (var i = 0; i < 60; i++)
        {
            handles.Add(await webhooks.DeliverAsync(new WebhookDeliveryPayload($"https://hooks-{i % 6}.example.com/{i}", "booking.created", "{}")));
        }

        foreach (var handle in handles)
        {
            await server.WaitAsync(handle.RunId);
        }

        // The value by hand, from the same runs: ⌈λ × W × 1.5⌉, λ = runs / (last end − first arrival), W = mean attempt.
        var runs = await server.Runs.ListAsync(new TaskRunQuery { TaskId = "webhook.deliver", Take = 1000 });
        var span = (runs.Max(r => r.CompletedAt!.Value) - runs.Min(r => r.CreatedAt)).TotalSeconds;
        var w = runs.Average(r => r.LastAttemptDuration!.Value.TotalSeconds);
        var expected = (int)Math.Ceiling(Math.Round(runs.Count / span * w * 1.5, 9));

        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Dashboard + "/advice?window=15m&task=webhook.deliver");
        var card = page.Locator("[data-advice-task=\"webhook.deliver\"]");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-arrivals", "60");

        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await card.GetAttributeAsync("data-suggested-limit"));
        await Assertions.Expect(card.Locator("[data-suggested]")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(card.Locator("svg.chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "advice");
    }
}
