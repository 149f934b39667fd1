using System.Text;
using Microsoft.AspNetCore.Http;
using SchemaTasks.Dashboard.Rendering;
using SchemaTasks.Scheduling;
using static SchemaTasks.Dashboard.Rendering.Html;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>Tasks: every registered task with its queue, limits, machine, retry, max duration and schedule.</summary>
internal static class TasksPage
{
    public static Task<IResult> RenderAsync(DashboardContext context)
    {
        var now = context.Time.GetUtcNow();
        var html = new StringBuilder();
        html.Append("<h1>Tasks</h1><p class=\"lead\">").Append(Int(context.Tasks.Count))
            .Append(" task(s) registered in this host. Each row is the task's resolved configuration, as the generator wrote it.</p>");
        html.Append("<table class=\"grid\" data-tasks><thead><tr><th>Task</th><th>Queue</th><th>Machine</th><th>Retry</th><th>Max duration</th><th>Schedule</th><th></th></tr></thead><tbody>");
        foreach (var task in context.Tasks)
        {
            var retry = task.Retry;
            html.Append("<tr data-task=\"").Append(E(task.Id)).Append("\"><td><strong class=\"mono\">").Append(E(task.Id)).Append("</strong>");
            if (task.Description is { Length: > 0 } description)
            {
                html.Append("<div class=\"muted\">").Append(E(description)).Append("</div>");
            }

            html.Append("<div class=\"muted mono small\">").Append(E(task.PayloadType.Name)).Append("</div></td>");
            html.Append("<td><span class=\"mono\">").Append(E(task.Queue.Name)).Append("</span><div class=\"muted\">limit ")
                .Append(Limit(task.Queue.ConcurrencyLimit));
            if (task.Queue.TotalConcurrencyLimit > 0)
            {
                html.Append(", total ").Append(Int(task.Queue.TotalConcurrencyLimit));
            }

            html.Append("</div></td><td>").Append(Html.Machine(task.Machine)).Append("</td>");
            html.Append("<td>").Append(Int(retry.MaxAttempts)).Append(" attempts × ").Append(Number(retry.Factor))
                .Append("<div class=\"muted\">").Append(Duration(TimeSpan.FromMilliseconds(retry.MinTimeoutInMs))).Append("–")
                .Append(Duration(TimeSpan.FromMilliseconds(retry.MaxTimeoutInMs))).Append(retry.Randomize ? ", randomized" : "").Append("</div>");
            html.Append("<div class=\"muted\">out of memory → ")
                .Append(retry.OutOfMemoryMachine is { } oom ? Html.Machine(oom) : "<em>no bigger machine</em>").Append("</div></td>");
            html.Append("<td>").Append(task.MaxDuration is { } max ? Duration(max) : "<span class=\"muted\">none</span>").Append("</td>");
            html.Append("<td>").Append(Schedule(task, now)).Append("</td>");
            html.Append("<td class=\"actions\"><a href=\"").Append(E(context.Base)).Append("/runs?task=").Append(Q(task.Id)).Append("\">Runs</a> ")
                .Append("<a href=\"").Append(E(context.Base)).Append("/test?task=").Append(Q(task.Id)).Append("\">Test</a> ")
                .Append("<a href=\"").Append(E(context.Base)).Append("/advice?task=").Append(Q(task.Id)).Append("\">Advice</a></td></tr>");
        }

        html.Append("</tbody></table>");
        return Task.FromResult(Layout.Page(context, "tasks", "Tasks", html.ToString()));
    }

    private static string Schedule(TaskDefinition task, DateTimeOffset now)
    {
        if (task.Schedule is not { } schedule)
        {
            return "<span class=\"muted\">triggered</span>";
        }

        var html = new StringBuilder();
        html.Append("<span class=\"mono\">").Append(E(schedule.Cron)).Append("</span> <span class=\"muted\">").Append(E(schedule.TimeZone)).Append("</span>");
        if (schedule.SkipIfActive)
        {
            html.Append(" <span class=\"tag\">skip if active</span>");
        }

        try
        {
            var cron = CronSchedule.Parse(schedule.Cron, schedule.TimeZone);
            html.Append("<ol class=\"occurrences\" data-next-occurrences>");
            foreach (var occurrence in cron.Upcoming(now, 5))
            {
                html.Append("<li>").Append(E(occurrence.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture))).Append("</li>");
            }

            html.Append("</ol>");
        }
        catch (Exception ex) when (ex is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            html.Append("<div class=\"error\">").Append(E(ex.Message)).Append("</div>");
        }

        return html.ToString();
    }
}
