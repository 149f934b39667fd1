using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Rendering;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>Runs: filtered by task, status, tag and time, newest first, paged with the store's cursor; live.</summary>
internal static class RunsPage
{
    private const int PageSize = 50;

    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var taskId = context.Query("task");
        var tag = context.Query("tag");
        var after = context.Query("after");
        var status = Enum.TryParse<TaskRunStatus>(context.Query("status"), ignoreCase: true, out var parsed) ? parsed : (TaskRunStatus?)null;
        var from = ParseTime(context.Query("from"));
        var to = ParseTime(context.Query("to"));
        var query = new TaskRunQuery { TaskId = taskId, Status = status, Tag = tag, From = from, To = to, After = after, Take = PageSize };

        IReadOnlyList<TaskRunInfo> runs;
        string? problem = null;
        try
        {
            runs = await context.Runs.ListAsync(query, context.Aborted).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            runs = [];
            problem = ex.Message;
        }

        var table = Table(context, runs, problem, query);
        var selfUrl = context.Base + "/runs" + context.Http.Request.QueryString.Value;
        if (context.Partial)
        {
            return Layout.Page(context, "runs", "Runs", table);
        }

        var html = new StringBuilder();
        html.Append("<h1>Runs</h1>");
        html.Append("<form class=\"filters\" method=\"get\" action=\"").Append(E(context.Base)).Append("/runs\">");
        html.Append("<label>Task <select name=\"task\"><option value=\"\">any</option>");
        foreach (var task in context.Tasks)
        {
            html.Append("<option").Append(task.Id == taskId ? " selected" : "").Append(" value=\"").Append(E(task.Id)).Append("\">").Append(E(task.Id)).Append("</option>");
        }

        html.Append("</select></label><label>Status <select name=\"status\"><option value=\"\">any</option>");
        foreach (var value in Enum.GetValues<TaskRunStatus>())
        {
            html.Append("<option").Append(value == status ? " selected" : "").Append('>').Append(value).Append("</option>");
        }

        html.Append("</select></label>")
            .Append("<label>Tag <input name=\"tag\" value=\"").Append(E(tag)).Append("\" placeholder=\"team:42\"></label>")
            .Append("<label>From (UTC) <input type=\"datetime-local\" step=\"1\" name=\"from\" value=\"").Append(E(InputTime(from))).Append("\"></label>")
            .Append("<label>To (UTC) <input type=\"datetime-local\" step=\"1\" name=\"to\" value=\"").Append(E(InputTime(to))).Append("\"></label>")
            .Append("<button type=\"submit\">Filter</button> <a href=\"").Append(E(context.Base)).Append("/runs\">Clear</a></form>");
        html.Append(Layout.LiveRegion(Layout.PartialUrl(selfUrl), table));
        return Layout.Page(context, "runs", "Runs", html.ToString());
    }

    private static string Table(DashboardContext context, IReadOnlyList<TaskRunInfo> runs, string? problem, TaskRunQuery query)
    {
        var now = context.Time.GetUtcNow();
        var html = new StringBuilder();
        if (problem is not null)
        {
            html.Append("<p class=\"error\">").Append(E(problem)).Append("</p>");
        }

        html.Append("<table class=\"grid\" data-runs><thead><tr><th>Run</th><th>Task</th><th>Status</th><th>Attempts</th><th>Machine</th>")
            .Append("<th>Created (UTC)</th><th>Duration</th><th>Tags</th><th>Error</th></tr></thead><tbody>");
        if (runs.Count == 0)
        {
            html.Append("<tr><td colspan=\"9\" class=\"muted\">No runs match.</td></tr>");
        }

        foreach (var run in runs)
        {
            html.Append("<tr data-run-id=\"").Append(E(run.RunId)).Append("\"><td><a class=\"mono\" href=\"").Append(E(context.Base)).Append("/runs/")
                .Append(Q(run.RunId)).Append("\">").Append(E(Truncate(run.RunId, 14))).Append("</a></td>")
                .Append("<td class=\"mono\">").Append(E(run.TaskId)).Append("</td>")
                .Append("<td>").Append(Status(run.Status)).Append("</td>")
                .Append("<td>").Append(Int(run.Attempts)).Append("</td>")
                .Append("<td>").Append(Html.Machine(run.Machine)).Append("</td>")
                .Append("<td>").Append(Time(run.CreatedAt)).Append("</td>")
                .Append("<td>").Append(Duration(RunDuration(run, now))).Append("</td>")
                .Append("<td>").Append(Tags(run.Tags)).Append("</td>")
                .Append("<td class=\"error-cell\" title=\"").Append(E(run.Error)).Append("\">").Append(E(Truncate(run.Error, 80))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (runs.Count == query.Take)
        {
            var next = context.Http.Request.Query
                .Where(pair => pair.Key is not ("after" or "partial"))
                .Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value.ToString()))
                .Append("after=" + Uri.EscapeDataString(runs[^1].RunId));
            html.Append("<p><a data-older href=\"").Append(E(context.Base)).Append("/runs?").Append(E(string.Join('&', next))).Append("\">Older runs →</a></p>");
        }

        return html.ToString();
    }

    /// <summary>How long the run has taken so far: from its first start to its end (or now).</summary>
    internal static TimeSpan? RunDuration(TaskRunInfo run, DateTimeOffset now) =>
        run.StartedAt is { } started ? (run.CompletedAt ?? (run.Status.IsFinal() ? run.UpdatedAt : now)) - started : null;

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static string? InputTime(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
