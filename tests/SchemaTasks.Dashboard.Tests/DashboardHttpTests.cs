using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Dashboard.Tests;

/// <summary>Every endpoint over real HTTP: pages, fragments, actions, assets, and the security defaults.</summary>
public sealed class DashboardHttpTests
{
    private const string Script = "<script>alert(1)</script>";

    [Fact]
    public async Task Local_requests_get_the_dashboard_without_authorization()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var root = await client.GetAsync("/schematasks");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.EndsWith("/schematasks/tasks", root.Headers.Location!.ToString());
        foreach (var page in new[] { "tasks", "runs", "queues", "test", "advice" })
        {
            var response = await client.GetAsync("/schematasks/" + page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Remote_requests_are_refused_while_no_authorization_is_configured()
    {
        await using var server = await DashboardServer.StartAsync(new ServerSetup { RemoteClient = true });
        using var client = server.Client();

        foreach (var path in new[] { "/schematasks/tasks", "/schematasks/runs", "/schematasks/assets/dashboard.js" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("local requests only", await response.Content.ReadAsStringAsync());
        }

        var post = await client.PostAsync("/schematasks/actions/runs/any/cancel", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task With_RequireAuthorization_remote_users_get_in_only_when_authenticated()
    {
        await using var server = await DashboardServer.StartAsync(new ServerSetup { RemoteClient = true, RequireAuthorization = true });
        using var client = server.Client();

        var anonymous = await client.GetAsync("/schematasks/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        client.DefaultRequestHeaders.Add("X-Test-User", "ops");
        var authenticated = await client.GetAsync("/schematasks/tasks");
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Theory]
    [InlineData("/schematasks/actions/runs/{0}/cancel")]
    [InlineData("/schematasks/actions/runs/{0}/reschedule")]
    [InlineData("/schematasks/actions/runs/{0}/replay")]
    [InlineData("/schematasks/actions/test/webhook.deliver")]
    public async Task A_state_changing_action_without_an_antiforgery_token_is_rejected_and_changes_nothing(string pathFormat)
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();
        var delayed = await server.Get<IWebhooksTasker>().DeliverAsync(
            new WebhookDeliveryPayload("https://hooks.example.com/a", "booking.created", "{}"), new TriggerOptions { Delay = TimeSpan.FromHours(1) });
        var before = await server.Runs.ListAsync(new TaskRunQuery());

        var response = await DashboardServer.PostAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, delayed.RunId), new Dictionary<string, string>
        {
            ["delaySeconds"] = "5",
            ["mode"] = "async",
            ["payload"] = """{"subscriberUrl":"https://hooks.example.com/b","eventType":"x","body":"{}"}""",
        }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var after = await server.Runs.ListAsync(new TaskRunQuery());
        Assert.Equal(before.Count, after.Count);
        var run = await server.Runs.GetAsync(delayed.RunId);
        Assert.Equal(TaskRunStatus.Delayed, run!.Status);
        Assert.Equal(before.Single().DelayUntil, run.DelayUntil);
    }

    [Fact]
    public async Task A_token_from_another_client_is_rejected()
    {
        await using var server = await DashboardServer.StartAsync();
        using var alice = server.Client();
        using var mallory = server.Client();
        var (field, token) = await DashboardServer.AntiforgeryAsync(alice);
        var delayed = await server.Get<IWebhooksTasker>().DeliverAsync(
            new WebhookDeliveryPayload("https://hooks.example.com/a", "booking.created", "{}"), new TriggerOptions { Delay = TimeSpan.FromHours(1) });

        // Mallory has Alice's request token but not her cookie: a cross-site post.
        var response = await mallory.PostAsync($"/schematasks/actions/runs/{delayed.RunId}/cancel", new FormUrlEncodedContent(new Dictionary<string, string> { [field] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TaskRunStatus.Delayed, (await server.Runs.GetAsync(delayed.RunId))!.Status);
    }

    [Fact]
    public async Task Tasks_page_lists_every_task_with_its_config_and_the_schedule_with_its_next_five_occurrences()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var html = await client.GetStringAsync("/schematasks/tasks");

        foreach (var task in server.Services.GetServices<TaskDefinition>())
        {
            Assert.Contains($"data-task=\"{task.Id}\"", html);
        }

        Assert.Contains("webhook-delivery", html);
        Assert.Contains("0 0 1 * *", html);
        var occurrences = html[html.IndexOf("data-next-occurrences", StringComparison.Ordinal)..];
        occurrences = occurrences[..occurrences.IndexOf("</ol>", StringComparison.Ordinal)];
        Assert.Equal(5, occurrences.Split("<li>").Length - 1);
        Assert.Contains("medium-1x", html);
    }

    [Fact]
    public async Task Runs_page_filters_by_task_status_and_tag_and_its_fragment_is_the_table_only()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();
        var webhooks = server.Get<IWebhooksTasker>();
        var tagged = await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://hooks.example.com/a", "booking.created", "{}"), new TriggerOptions { Tags = ["team:7"] });
        var other = await server.Get<ICalendarsTasker>().EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(3));
        await server.WaitAsync(tagged.RunId);
        await server.WaitAsync(other.RunId);

        var byTag = await client.GetStringAsync("/schematasks/runs?tag=team%3A7");
        Assert.Contains(tagged.RunId, byTag);
        Assert.DoesNotContain(other.RunId, byTag);

        var byTask = await client.GetStringAsync("/schematasks/runs?task=calendars.ensure-default-calendars&status=Completed");
        Assert.Contains(other.RunId, byTask);
        Assert.DoesNotContain(tagged.RunId, byTask);

        var failedOnly = await client.GetStringAsync("/schematasks/runs?status=Failed");
        Assert.DoesNotContain(tagged.RunId, failedOnly);

        var fragment = await client.GetStringAsync("/schematasks/runs?partial=1");
        Assert.StartsWith("<table", fragment);
        Assert.Contains(tagged.RunId, fragment);
    }

    [Fact]
    public async Task Every_value_from_storage_is_encoded_in_runs_detail_and_payload()
    {
        await using var server = await DashboardServer.StartAsync(new ServerSetup { ShowPayloads = true });
        using var client = server.Client();
        var run = await server.Get<IWebhooksTasker>().DeliverAsync(
            // The subscriber URL comes back raw in the run's error: "https://down.example.com/<script>... answered 503".
            new WebhookDeliveryPayload("https://down.example.com/" + Script, Script, Script),
            new TriggerOptions { Tags = [Script], MaxAttempts = 1, ConcurrencyKey = Script, IdempotencyKey = Script });
        var failed = await server.WaitAsync(run.RunId);
        Assert.Equal(TaskRunStatus.Failed, failed.Status);

        foreach (var path in new[] { "/schematasks/runs", $"/schematasks/runs/{run.RunId}", $"/schematasks/runs?tag={Uri.EscapeDataString(Script)}", "/schematasks/advice", "/schematasks/queues" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html);
        }

        var detail = await client.GetStringAsync($"/schematasks/runs/{run.RunId}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", detail); // the tag, the keys, the error and the payload, encoded
        Assert.Contains("https://down.example.com/", failed.Error);
        Assert.Contains(Script, failed.Error);
        Assert.Contains("data-payload", detail);
    }

    [Fact]
    public async Task Payloads_are_hidden_by_default_in_Production_and_shown_in_Development()
    {
        await using var production = await DashboardServer.StartAsync(new ServerSetup { Environment = "Production" });
        await using var development = await DashboardServer.StartAsync(new ServerSetup { Environment = "Development" });
        foreach (var (server, shown) in new[] { (production, false), (development, true) })
        {
            using var client = server.Client();
            var run = await server.Get<IWebhooksTasker>().DeliverAsync(
                new WebhookDeliveryPayload("https://hooks.example.com/secret", "booking.created", "{}"), new TriggerOptions { Delay = TimeSpan.FromHours(1) });
            var html = await client.GetStringAsync($"/schematasks/runs/{run.RunId}");
            Assert.Equal(shown, html.Contains("https://hooks.example.com/secret", StringComparison.Ordinal));
            Assert.Equal(!shown, html.Contains("data-payload-hidden", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Run_detail_of_an_unknown_run_is_404()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var response = await client.GetAsync("/schematasks/runs/run_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-run-missing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Queues_page_counts_delayed_and_queued_runs_per_queue_and_per_concurrency_key()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();
        var webhooks = server.Get<IWebhooksTasker>();
        for (var i = 0; i < 3; i++)
        {
            await webhooks.DeliverAsync(new WebhookDeliveryPayload($"https://hooks.example.com/{i}", "booking.created", "{}"),
                new TriggerOptions { Delay = TimeSpan.FromHours(1), ConcurrencyKey = i == 0 ? "tenant-a" : null });
        }

        var html = await client.GetStringAsync("/schematasks/queues?partial=1");

        Assert.Contains("data-queue=\"webhook-delivery\" data-running=\"0\" data-queued=\"0\" data-delayed=\"3\"", html);
        Assert.Contains("data-queue-key=\"tenant-a\"", html);
        Assert.Contains("data-queue=\"calendars\"", html);
    }

    [Fact]
    public async Task Test_action_refuses_an_invalid_payload_with_the_validators_messages_and_triggers_nothing()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var response = await DashboardServer.PostAsync(client, "/schematasks/actions/test/calendars.ensure-default-calendars",
            new Dictionary<string, string> { ["mode"] = "async", ["payload"] = """{"userId":0}""" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(outcome.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("UserId", error.GetProperty("property").GetString());
        Assert.Equal("'User Id' must be greater than '0'.", error.GetProperty("message").GetString());
        Assert.Empty(await server.Runs.ListAsync(new TaskRunQuery()));
    }

    [Fact]
    public async Task Test_action_refuses_malformed_json_with_where_it_broke()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var response = await DashboardServer.PostAsync(client, "/schematasks/actions/test/calendars.ensure-default-calendars",
            new Dictionary<string, string> { ["mode"] = "async", ["payload"] = """{"userId":"seven"}""" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("$.userId", await response.Content.ReadAsStringAsync());
        Assert.Empty(await server.Runs.ListAsync(new TaskRunQuery()));
    }

    [Theory]
    [InlineData("validate", false)]
    [InlineData("async", true)]
    [InlineData("sync", true)]
    public async Task Test_action_validates_or_triggers_a_valid_payload(string mode, bool triggers)
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var response = await DashboardServer.PostAsync(client, "/schematasks/actions/test/calendars.ensure-default-calendars",
            new Dictionary<string, string> { ["mode"] = mode, ["payload"] = """{"userId":42}""", ["tags"] = "smoke, a" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(outcome.RootElement.GetProperty("ok").GetBoolean());
        var runs = await server.Runs.ListAsync(new TaskRunQuery());
        if (!triggers)
        {
            Assert.Empty(runs);
            return;
        }

        var runId = outcome.RootElement.GetProperty("runId").GetString()!;
        var run = await server.WaitAsync(runId);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(mode == "sync" ? TaskRunMode.Sync : TaskRunMode.Async, run.Mode);
        Assert.Equal(["smoke", "a", "dashboard:test"], run.Tags);
        Assert.Contains("Work", server.Get<ICalendarRepository>().CalendarsOf(42));
    }

    [Fact]
    public async Task Test_page_prefills_the_editor_from_the_payload_type()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var html = await client.GetStringAsync("/schematasks/test?task=webhook.deliver");

        Assert.Contains("&quot;subscriberUrl&quot;: &quot;&quot;", html);
        Assert.Contains("&quot;eventType&quot;", html);
        Assert.Contains("&quot;body&quot;", html);
    }

    [Fact]
    public async Task Cancel_reschedule_and_replay_act_through_ITaskRuns()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();
        var webhooks = server.Get<IWebhooksTasker>();
        var delayed = await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://hooks.example.com/a", "booking.created", "{}"), new TriggerOptions { Delay = TimeSpan.FromHours(1) });
        var toCancel = await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://hooks.example.com/b", "booking.created", "{}"), new TriggerOptions { Delay = TimeSpan.FromHours(1) });
        var failed = await webhooks.DeliverAsync(new WebhookDeliveryPayload("https://down.example.com/c", "booking.created", "{}"), new TriggerOptions { MaxAttempts = 1 });
        Assert.Equal(TaskRunStatus.Failed, (await server.WaitAsync(failed.RunId)).Status);

        var reschedule = await DashboardServer.PostAsync(client, $"/schematasks/actions/runs/{delayed.RunId}/reschedule", new Dictionary<string, string> { ["delaySeconds"] = "7200" });
        Assert.Equal(HttpStatusCode.OK, reschedule.StatusCode);
        var moved = await server.Runs.GetAsync(delayed.RunId);
        Assert.True(moved!.DelayUntil > DateTimeOffset.UtcNow.AddMinutes(110));

        var cancel = await DashboardServer.PostAsync(client, $"/schematasks/actions/runs/{toCancel.RunId}/cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(TaskRunStatus.Canceled, (await server.Runs.GetAsync(toCancel.RunId))!.Status);

        var notDelayed = await DashboardServer.PostAsync(client, $"/schematasks/actions/runs/{toCancel.RunId}/reschedule", new Dictionary<string, string> { ["delaySeconds"] = "5" });
        Assert.Equal(HttpStatusCode.Conflict, notDelayed.StatusCode);

        var replay = await DashboardServer.PostAsync(client, $"/schematasks/actions/runs/{failed.RunId}/replay", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        using var outcome = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        var replayed = await server.Runs.GetAsync(outcome.RootElement.GetProperty("runId").GetString()!);
        Assert.Contains("replay:" + failed.RunId, replayed!.Tags);

        var unknown = await DashboardServer.PostAsync(client, "/schematasks/actions/runs/run_nope/cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Advice_page_shows_a_suggested_limit_per_task_with_runs()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();
        var run = await server.Get<IWebhooksTasker>().DeliverAsync(new WebhookDeliveryPayload("https://hooks.example.com/a", "booking.created", "{}"));
        await server.WaitAsync(run.RunId);

        var html = await client.GetStringAsync("/schematasks/advice?window=15m");

        Assert.Contains("data-advice-task=\"webhook.deliver\"", html);
        // One run: λ = 1 / (its wait + duration), so L ≤ 1 and the suggestion is 1 or 2 with 1.5× headroom.
        Assert.Matches("data-suggested-limit=\"[12]\" data-configured-limit=\"20\"", html);
        Assert.Contains("<svg class=\"chart\"", html);
        Assert.Contains("Little&#x27;s law", html);
    }

    [Fact]
    public async Task Assets_are_served_from_the_assembly_and_unknown_ones_are_404()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = server.Client();

        var css = await client.GetAsync("/schematasks/assets/dashboard.css");
        var js = await client.GetAsync("/schematasks/assets/dashboard.js");
        var missing = await client.GetAsync("/schematasks/assets/jquery.js");

        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(js.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Mapping_without_AddSchemaTasksDashboard_says_what_to_call()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Services.AddSchemaTasks();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapSchemaTasksDashboard());

        Assert.Contains("AddSchemaTasksDashboard", error.Message);
    }
}
