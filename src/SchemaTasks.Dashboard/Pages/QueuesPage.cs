using System.Text;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Rendering;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>Queues: running, queued and delayed runs per queue and per concurrency key, against their limits; live.</summary>
internal static class QueuesPage
{
    private const int MaxUnfinishedRuns = 50_000;

    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var unfinished = await RunHistory.ReadAsync(
            context.Runs,
            new TaskRunQuery { Statuses = [TaskRunStatus.Delayed, TaskRunStatus.Queued, TaskRunStatus.Executing] },
            MaxUnfinishedRuns,
            context.Aborted).ConfigureAwait(false);
        var table = Table(context, unfinished);
        if (context.Partial)
        {
            return Layout.Page(context, "queues", "Queues", table);
        }

        var html = "<h1>Queues</h1><p class=\"lead\">Runs executing, waiting for a slot, and delayed, per queue and per concurrency key. "
            + "A queue's limit applies to each concurrency key; its total limit, if any, caps all keys together.</p>"
            + Layout.LiveRegion(Layout.PartialUrl(context.Base + "/queues"), table);
        return Layout.Page(context, "queues", "Queues", html);
    }

    private static string Table(DashboardContext context, IReadOnlyList<TaskRunInfo> unfinished)
    {
        var queues = context.Tasks.GroupBy(t => t.Queue.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Options: g.First().Queue, Tasks: g.Select(t => t.Id).ToList()), StringComparer.Ordinal);
        var byQueue = unfinished.GroupBy(r => r.Queue ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = queues.Keys.Concat(byQueue.Keys.Where(k => k.Length > 0)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);

        var html = new StringBuilder();
        html.Append("<table class=\"grid\" data-queues><thead><tr><th>Queue</th><th>Running / limit</th><th>Queued</th><th>Delayed</th><th>Tasks</th></tr></thead><tbody>");
        foreach (var name in names)
        {
            var runs = byQueue.GetValueOrDefault(name) ?? [];
            var known = queues.TryGetValue(name, out var queue);
            var limit = known ? queue.Options.ConcurrencyLimit : 0;
            var total = known ? queue.Options.TotalConcurrencyLimit : 0;
            var keys = runs.Where(r => r.ConcurrencyKey is not null).GroupBy(r => r.ConcurrencyKey!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var running = Count(runs, TaskRunStatus.Executing);
            html.Append("<tr data-queue=\"").Append(E(name)).Append("\" data-running=\"").Append(Int(running)).Append("\" data-queued=\"")
                .Append(Int(Count(runs, TaskRunStatus.Queued))).Append("\" data-delayed=\"").Append(Int(Count(runs, TaskRunStatus.Delayed))).Append("\">")
                .Append("<td><strong class=\"mono\">").Append(E(name)).Append("</strong>").Append(known ? "" : " <span class=\"muted\">(not registered here)</span>").Append("</td>")
                .Append("<td>").Append(Gauge(running, keys.Count > 0 && total > 0 ? total : limit, keys.Count > 0 && total == 0 ? $"{Html.Limit(limit)} per key" : null));
            if (total > 0)
            {
                html.Append("<div class=\"muted\">total limit ").Append(Int(total)).Append(" across keys, per key ").Append(Html.Limit(limit)).Append("</div>");
            }

            html.Append("</td><td>").Append(Int(Count(runs, TaskRunStatus.Queued))).Append("</td><td>").Append(Int(Count(runs, TaskRunStatus.Delayed))).Append("</td>")
                .Append("<td class=\"mono small\">").Append(known ? string.Join("<br>", queue.Tasks.Select(E)) : "").Append("</td></tr>");
            foreach (var key in keys)
            {
                var keyRuns = key.ToList();
                html.Append("<tr class=\"sub\" data-queue-key=\"").Append(E(key.Key)).Append("\"><td>key <span class=\"mono\">").Append(E(key.Key)).Append("</span></td>")
                    .Append("<td>").Append(Gauge(Count(keyRuns, TaskRunStatus.Executing), limit, null)).Append("</td>")
                    .Append("<td>").Append(Int(Count(keyRuns, TaskRunStatus.Queued))).Append("</td><td>").Append(Int(Count(keyRuns, TaskRunStatus.Delayed))).Append("</td><td></td></tr>");
            }
        }

        html.Append("</tbody></table>");
        return html.ToString();
    }

    private static int Count(IEnumerable<TaskRunInfo> runs, TaskRunStatus status) => runs.Count(r => r.Status == status);

    private static string Gauge(int running, int limit, string? label)
    {
        var bounded = limit is > 0 and < QueueOptions.UnboundedConcurrencyLimit;
        var share = bounded ? Math.Min(1.0, running / (double)limit) : 0;
        var text = $"{Int(running)} / {(label ?? (limit > 0 ? Html.Limit(limit) : "?"))}";
        return bounded
            ? $"<div class=\"gauge{(running >= limit ? " full" : "")}\"><svg width=\"120\" height=\"8\" aria-hidden=\"true\"><rect width=\"120\" height=\"8\" rx=\"2\" fill=\"#e5e7eb\"/><rect width=\"{Number(120 * share, "0.#")}\" height=\"8\" rx=\"2\" fill=\"{(running >= limit ? "#dc2626" : "#2563eb")}\"/></svg> <span>{E(text)}</span></div>"
            : $"<span>{E(text)}</span>";
    }
}
