using System.Text;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Advice;
using SchemaTasks.Dashboard.Rendering;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>Advice: per task over a window, the load, Little's law's suggested limit against the configured one, and the machine.</summary>
internal static class AdvicePage
{
    private static readonly (string Key, string Label, TimeSpan Span)[] Windows =
    [
        ("15m", "15 minutes", TimeSpan.FromMinutes(15)),
        ("1h", "1 hour", TimeSpan.FromHours(1)),
        ("6h", "6 hours", TimeSpan.FromHours(6)),
        ("24h", "24 hours", TimeSpan.FromHours(24)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
    ];

    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var windowKey = context.Query("window") ?? "1h";
        var window = Windows.FirstOrDefault(w => w.Key == windowKey);
        if (window.Key is null)
        {
            window = Windows[1];
        }

        var only = context.FindTask(context.Query("task"));
        var now = context.Time.GetUtcNow();
        var cards = new StringBuilder();
        var shown = 0;
        foreach (var task in only is null ? context.Tasks : [only])
        {
            var runs = await RunHistory.ReadAsync(context.Runs, new TaskRunQuery { TaskId = task.Id, From = now - window.Span }, context.Options.AdviceMaxRuns, context.Aborted)
                .ConfigureAwait(false);
            if (runs.Count == 0 && only is null)
            {
                continue;
            }

            var queueTasks = context.Tasks.Count(t => t.Queue.Name == task.Queue.Name);
            var advice = AdviceCalculator.Compute(AdviceTask.From(task), runs, now, context.Options.AdviceHeadroom, context.Options.AdviceOutOfMemoryShare, queueTasks);
            cards.Append(Card(context, advice));
            shown++;
        }

        if (shown == 0)
        {
            cards.Append("<p class=\"muted\" data-advice-empty>No runs in this window yet: advice needs history.</p>");
        }

        var selfUrl = context.Base + "/advice" + context.Http.Request.QueryString.Value;
        if (context.Partial)
        {
            return Layout.Page(context, "advice", "Advice", cards.ToString());
        }

        var html = new StringBuilder("<h1>Advice</h1>");
        html.Append("<form class=\"filters\" method=\"get\" action=\"").Append(E(context.Base)).Append("/advice\" data-autosubmit><label>Window <select name=\"window\">");
        foreach (var (key, label, _) in Windows)
        {
            html.Append("<option value=\"").Append(key).Append('"').Append(key == window.Key ? " selected" : "").Append('>').Append(label).Append("</option>");
        }

        html.Append("</select></label>");
        if (only is not null)
        {
            html.Append("<input type=\"hidden\" name=\"task\" value=\"").Append(E(only.Id)).Append("\"> <a href=\"").Append(E(context.Base)).Append("/advice?window=").Append(window.Key).Append("\">All tasks</a>");
        }

        html.Append("<noscript><button type=\"submit\">Show</button></noscript></form>")
            .Append("<p class=\"lead\">Per task, from the runs that arrived in the window. Suggested limit = ⌈λ × W × headroom⌉ (Little's law): λ is arrivals per second, W the mean attempt duration, headroom ")
            .Append(Number(context.Options.AdviceHeadroom)).Append("×. The reasoning under each task shows the numbers.</p>")
            .Append(Layout.LiveRegion(Layout.PartialUrl(selfUrl), cards.ToString()));
        return Layout.Page(context, "advice", "Advice", html.ToString());
    }

    private static string Card(DashboardContext context, TaskAdvice advice)
    {
        var task = advice.Task;
        var html = new StringBuilder();
        html.Append("<section class=\"card advice\" data-advice-task=\"").Append(E(task.Id)).Append("\" data-arrivals=\"").Append(Int(advice.Arrivals))
            .Append("\" data-suggested-limit=\"").Append(advice.SuggestedLimit is { } s ? Int(s) : "").Append("\" data-configured-limit=\"").Append(Int(advice.ConfiguredLimit))
            .Append("\" data-verdict=\"").Append(advice.Verdict).Append("\" data-oom-runs=\"").Append(Int(advice.OutOfMemoryRuns)).Append("\" data-suggested-machine=\"")
            .Append(advice.SuggestedMachine is { } m ? E(m.ToPresetName()) : "").Append("\">");
        html.Append("<h2 class=\"mono\">").Append(E(task.Id)).Append("</h2><div class=\"advice-grid\"><dl class=\"facts\">")
            .Append("<dt>Arrivals</dt><dd>").Append(Int(advice.Arrivals)).Append(" <span class=\"muted\">(").Append(Number(advice.ArrivalsPerMinute, "0.#")).Append(" / min)</span></dd>")
            .Append("<dt>Duration p50 / p95</dt><dd>").Append(Duration(advice.P50Duration)).Append(" / ").Append(Duration(advice.P95Duration)).Append("</dd>")
            .Append("<dt>Peak concurrency</dt><dd>").Append(Int(advice.PeakConcurrency)).Append("</dd>")
            .Append("<dt>p95 queue wait</dt><dd>").Append(Duration(advice.P95QueueWait)).Append("</dd>")
            .Append("<dt>ConcurrencyLimit</dt><dd><strong data-suggested>").Append(advice.SuggestedLimit is { } suggested ? Int(suggested) : "—").Append("</strong> suggested · ")
            .Append(Limit(advice.ConfiguredLimit)).Append(" configured <span class=\"badge verdict-").Append(advice.Verdict.ToString().ToLowerInvariant()).Append("\">")
            .Append(advice.Verdict switch
            {
                LimitVerdict.Raise => "raise",
                LimitVerdict.Lower => "could lower",
                LimitVerdict.Set => "set a limit",
                LimitVerdict.Keep => "fits",
                _ => "not enough data",
            }).Append("</span></dd>")
            .Append("<dt>Machine</dt><dd>").Append(Html.Machine(task.Machine));
        if (advice.SuggestedMachine is { } machine)
        {
            html.Append(" → <strong>").Append(Html.Machine(machine)).Append("</strong>");
        }

        html.Append(" <span class=\"muted\">").Append(Int(advice.OutOfMemoryRuns)).Append(" out-of-memory run(s)</span></dd></dl>")
            .Append("<div>").Append(AdviceChart.Svg(advice)).Append("</div></div>");
        html.Append("<ol class=\"reasoning\">");
        foreach (var sentence in advice.Reasoning)
        {
            html.Append("<li>").Append(E(sentence)).Append("</li>");
        }

        html.Append("</ol><p class=\"small\"><a href=\"").Append(E(context.Base)).Append("/runs?task=").Append(Q(task.Id)).Append("\">The runs behind this advice</a></p></section>");
        return html.ToString();
    }
}
