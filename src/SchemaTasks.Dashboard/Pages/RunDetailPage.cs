using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Rendering;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>One run: status, attempts, machine change, error, durations, tags, payload, and the control buttons; live.</summary>
internal static class RunDetailPage
{
    public static async Task<IResult> RenderAsync(DashboardContext context, string runId)
    {
        var run = await context.Runs.GetAsync(runId, context.Aborted).ConfigureAwait(false);
        if (run is null)
        {
            var missing = $"<h1>Run not found</h1><p class=\"error\" data-run-missing>No run with id <code>{E(runId)}</code> is known.</p>";
            context.Http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Layout.Page(context, "runs", "Run not found", missing);
        }

        var detail = Detail(context, run);
        if (context.Partial)
        {
            return Layout.Page(context, "runs", "Run", detail);
        }

        var html = new StringBuilder();
        html.Append("<h1>Run <span class=\"mono\">").Append(E(run.RunId)).Append("</span></h1>")
            .Append("<p class=\"lead\">Task <a class=\"mono\" href=\"").Append(E(context.Base)).Append("/runs?task=").Append(Q(run.TaskId)).Append("\">")
            .Append(E(run.TaskId)).Append("</a></p>")
            .Append("<div class=\"action-result\" data-action-result role=\"status\" aria-live=\"polite\"></div>")
            .Append(Layout.LiveRegion(Layout.PartialUrl(context.Base + "/runs/" + Uri.EscapeDataString(run.RunId)), detail))
            .Append(await PayloadAsync(context, run).ConfigureAwait(false));
        return Layout.Page(context, "runs", "Run " + run.RunId, html.ToString());
    }

    /// <summary>The live part of a run's page; the Test page follows a run with it too.</summary>
    internal static string Detail(DashboardContext context, TaskRunInfo run)
    {
        var now = context.Time.GetUtcNow();
        var task = context.FindTask(run.TaskId);
        var html = new StringBuilder();
        html.Append("<div class=\"run-detail\" data-run=\"").Append(E(run.RunId)).Append("\" data-status=\"").Append(run.Status).Append("\">");
        html.Append("<dl class=\"facts\">")
            .Append("<dt>Status</dt><dd>").Append(Status(run.Status)).Append("</dd>")
            .Append("<dt>Attempts</dt><dd data-attempts>").Append(Int(run.Attempts));
        if (task is not null)
        {
            html.Append(" <span class=\"muted\">of ").Append(Int(task.Retry.MaxAttempts)).Append("</span>");
        }

        html.Append("</dd><dt>Machine</dt><dd>");
        if (task is not null && task.Machine != run.Machine)
        {
            html.Append(Html.Machine(task.Machine)).Append(" → ").Append(Html.Machine(run.Machine))
                .Append(task.Retry.OutOfMemoryMachine == run.Machine ? " <span class=\"muted\">(moved after running out of memory)</span>" : " <span class=\"muted\">(trigger override)</span>");
        }
        else
        {
            html.Append(Html.Machine(run.Machine));
        }

        html.Append("</dd><dt>Queue</dt><dd class=\"mono\">").Append(E(run.Queue ?? "—")).Append("</dd>");
        if (run.ConcurrencyKey is not null)
        {
            html.Append("<dt>Concurrency key</dt><dd class=\"mono\">").Append(E(run.ConcurrencyKey)).Append("</dd>");
        }

        if (run.IdempotencyKey is not null)
        {
            html.Append("<dt>Idempotency key</dt><dd class=\"mono\">").Append(E(run.IdempotencyKey)).Append("</dd>");
        }

        html.Append("<dt>Mode</dt><dd>").Append(run.Mode).Append("</dd>")
            .Append("<dt>Tags</dt><dd data-tags>").Append(run.Tags.Count == 0 ? "<span class=\"muted\">none</span>" : Tags(run.Tags)).Append("</dd>")
            .Append("<dt>Created</dt><dd>").Append(Time(run.CreatedAt)).Append(" UTC</dd>")
            .Append("<dt>Started</dt><dd>").Append(Time(run.StartedAt)).Append("</dd>")
            .Append("<dt>Ended</dt><dd>").Append(Time(run.CompletedAt)).Append("</dd>");
        if (run.DelayUntil is { } due)
        {
            html.Append("<dt>").Append(run.Status == TaskRunStatus.Delayed ? "Due" : "Next attempt").Append("</dt><dd data-due>").Append(Time(due))
                .Append(" UTC <span class=\"muted\">(in ").Append(Duration(due - now)).Append(")</span></dd>");
        }

        if (run.ExpiresAt is { } expires)
        {
            html.Append("<dt>Expires</dt><dd>").Append(Time(expires)).Append(" UTC</dd>");
        }

        html.Append("<dt>Queue wait</dt><dd>").Append(Duration(run.StartedAt - run.CreatedAt)).Append("</dd>")
            .Append("<dt>Last attempt</dt><dd>").Append(Duration(run.LastAttemptDuration)).Append("</dd>")
            .Append("<dt>Total</dt><dd>").Append(Duration(RunsPage.RunDuration(run, now))).Append("</dd>")
            .Append("<dt>Max duration</dt><dd>").Append(run.MaxDuration is { } max ? Duration(max) : "none").Append("</dd>");
        if (run.Error is not null)
        {
            html.Append("<dt>Error</dt><dd><pre class=\"error\" data-error>").Append(E(run.Error)).Append("</pre></dd>");
        }

        html.Append("</dl><div class=\"buttons\">");
        var action = E(context.Base) + "/actions/runs/" + Q(run.RunId);
        if (!run.Status.IsFinal())
        {
            html.Append("<form data-action=\"").Append(action).Append("/cancel\" data-confirm=\"Cancel this run?\">")
                .Append("<button type=\"submit\" class=\"danger\" data-cancel>Cancel</button></form>");
        }

        if (run.Status == TaskRunStatus.Delayed)
        {
            html.Append("<form data-action=\"").Append(action).Append("/reschedule\" class=\"inline\">")
                .Append("<label>Run in <input type=\"number\" name=\"delaySeconds\" min=\"0\" value=\"0\" size=\"6\"> s</label>")
                .Append("<button type=\"submit\" data-reschedule>Reschedule</button></form>");
        }

        html.Append("<form data-action=\"").Append(action).Append("/replay\" data-follow>")
            .Append("<button type=\"submit\" data-replay>Replay</button></form>");
        html.Append("</div></div>");
        return html.ToString();
    }

    private static async Task<string> PayloadAsync(DashboardContext context, TaskRunInfo run)
    {
        var html = new StringBuilder("<h2>Payload</h2>");
        if (!context.ShowPayloads)
        {
            return html.Append("<p class=\"muted\" data-payload-hidden>Payloads are hidden (<code>ShowPayloads</code> is off; it is on by default in Development only).</p>").ToString();
        }

        var record = context.Store is null ? null : await context.Store.FindAsync(run.RunId, context.Aborted).ConfigureAwait(false);
        if (record is null || record.PayloadJson.Length == 0)
        {
            return html.Append("<p class=\"muted\" data-payload-missing>The store does not keep this run's payload (the in-memory store drops it once a run completes).</p>").ToString();
        }

        return html.Append("<pre class=\"payload\" data-payload>").Append(E(Pretty(record.PayloadJson))).Append("</pre>").ToString();
    }

    private static string Pretty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, PrettyJson.Options);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}

/// <summary>Indented JSON that keeps characters such as <c>&lt;</c> as they are: the page encodes them itself.</summary>
internal static class PrettyJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
