using System.Globalization;
using SchemaTasks.Dashboard.Advice;
using Spectre.Console;

namespace SchemaTasks.Sample;

/// <summary>
/// What happens while it happens: per queue, runs executing against the limit, waiting, retrying, ended and moved
/// to a bigger machine, redrawn in place with Spectre.Console; plain lines when the output is redirected. Then a
/// summary table per task.
/// </summary>
internal sealed class ConsoleProgress(ITaskRuns runs, IReadOnlyList<TaskDefinition> tasks, TextWriter output)
{
    private readonly Dictionary<string, TaskDefinition> _tasks = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);

    /// <summary>Whether the terminal can redraw a live table.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Shows progress until <paramref name="done"/> completes.</summary>
    public async Task FollowAsync(Task done)
    {
        if (Interactive)
        {
            await AnsiConsole.Live(new Table()).AutoClear(false).StartAsync(async live =>
            {
                while (true)
                {
                    live.UpdateTarget(ProgressTable(await SnapshotAsync()));
                    live.Refresh();
                    if (done.IsCompleted)
                    {
                        return;
                    }

                    await Task.WhenAny(done, Task.Delay(150));
                }
            });
            return;
        }

        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var queue in await SnapshotAsync())
            {
                var line = queue.ToString();
                if (!last.TryGetValue(queue.Name, out var previous) || previous != line)
                {
                    output.WriteLine(line);
                    last[queue.Name] = line;
                }
            }

            if (done.IsCompleted)
            {
                return;
            }

            await Task.WhenAny(done, Task.Delay(500));
        }
    }

    /// <summary>The summary per task once the burst has ended.</summary>
    public async Task SummaryAsync()
    {
        var all = await ReadAllAsync();
        var rows = all.GroupBy(r => r.TaskId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var machine = _tasks.TryGetValue(g.Key, out var task) ? task.Machine : (Machine?)null;
            var durations = g.Where(r => r.LastAttemptDuration is not null).Select(r => r.LastAttemptDuration!.Value.TotalMilliseconds).Order().ToList();
            return new[]
            {
                g.Key,
                Int(g.Count()),
                Int(g.Count(r => r.Status == TaskRunStatus.Completed)),
                Int(g.Count(r => r.Status == TaskRunStatus.Failed)),
                Int(g.Sum(r => r.Attempts)),
                Int(g.Count(r => r.Attempts > 1)),
                Int(g.Count(r => machine is not null && r.Machine != machine)),
                durations.Count == 0 ? "—" : durations[(durations.Count - 1) / 2].ToString("0", CultureInfo.InvariantCulture) + " ms",
            };
        }).ToList();
        string[] headers = ["task", "runs", "completed", "failed", "attempts", "retried", "bigger machine", "p50"];
        Write("Summary", headers, rows);
    }

    /// <summary>What the dashboard's Advice page says about the burst: Little's law per task, and the machine.</summary>
    public async Task AdviceAsync(DateTimeOffset now)
    {
        var all = await ReadAllAsync();
        string[] headers = ["task", "arrivals/min", "p50", "p95", "peak", "p95 wait", "suggested limit", "configured", "verdict", "machine"];
        var rows = new List<string[]>();
        foreach (var group in all.GroupBy(r => r.TaskId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!_tasks.TryGetValue(group.Key, out var task))
            {
                continue;
            }

            var queueTasks = _tasks.Values.Count(t => t.Queue.Name == task.Queue.Name);
            var advice = AdviceCalculator.Compute(AdviceTask.From(task), [.. group], now, queueTasks: queueTasks);
            rows.Add(
            [
                task.Id,
                advice.ArrivalsPerMinute.ToString("0", CultureInfo.InvariantCulture),
                Ms(advice.P50Duration),
                Ms(advice.P95Duration),
                Int(advice.PeakConcurrency),
                Ms(advice.P95QueueWait),
                advice.SuggestedLimit is { } limit ? Int(limit) : "—",
                Int(advice.ConfiguredLimit),
                advice.Verdict.ToString(),
                advice.SuggestedMachine is { } machine ? $"{task.Machine.ToPresetName()} → {machine.ToPresetName()}" : task.Machine.ToPresetName(),
            ]);
        }

        Write("Advice (the dashboard's: λ × W × 1.5, Little's law with headroom)", headers, rows);
    }

    private void Write(string title, string[] headers, List<string[]> rows)
    {
        if (Interactive)
        {
            var table = new Table().Title($"[bold]{Markup.Escape(title)}[/]").Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(header == "task" ? new TableColumn(header) : new TableColumn(header).RightAligned());
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return;
        }

        output.WriteLine(title + ":");
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        }
    }

    private static string Ms(TimeSpan? value) => value is { } span ? span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : "—";

    private async Task<IReadOnlyList<QueueProgress>> SnapshotAsync()
    {
        var all = await ReadAllAsync();
        var queues = _tasks.Values.GroupBy(t => t.Queue.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        return [.. queues.Select(q =>
        {
            var limit = q.First().Queue.ConcurrencyLimit;
            var queueRuns = all.Where(r => r.Queue == q.Key).ToList();
            return new QueueProgress(
                q.Key,
                limit,
                Running: queueRuns.Count(r => r.Status == TaskRunStatus.Executing),
                Waiting: queueRuns.Count(r => r.Status is TaskRunStatus.Queued or TaskRunStatus.Delayed && r.Attempts == 0),
                Retrying: queueRuns.Count(r => r.Status is TaskRunStatus.Queued or TaskRunStatus.Delayed && r.Attempts > 0),
                Completed: queueRuns.Count(r => r.Status == TaskRunStatus.Completed),
                Failed: queueRuns.Count(r => r.Status.IsFinal() && r.Status != TaskRunStatus.Completed),
                MachineChanges: queueRuns.Count(r => _tasks.TryGetValue(r.TaskId, out var task) && r.Machine != task.Machine));
        })];
    }

    private async Task<List<TaskRunInfo>> ReadAllAsync()
    {
        var all = new List<TaskRunInfo>();
        string? after = null;
        while (true)
        {
            var page = await runs.ListAsync(new TaskRunQuery { After = after, Take = 1000 });
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }

            after = page[^1].RunId;
        }
    }

    private static Table ProgressTable(IReadOnlyList<QueueProgress> queues)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]SchemaTasks sample: queues[/]");
        table.AddColumn("queue");
        foreach (var column in new[] { "running / limit", "queued", "retrying", "completed", "failed", "bigger machine" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var q in queues)
        {
            var running = $"{q.Running} / {q.Limit}";
            table.AddRow(
                Markup.Escape(q.Name),
                q.Running >= q.Limit ? $"[red]{running}[/]" : running,
                Int(q.Waiting),
                q.Retrying > 0 ? $"[yellow]{q.Retrying}[/]" : "0",
                $"[green]{q.Completed}[/]",
                q.Failed > 0 ? $"[red]{q.Failed}[/]" : "0",
                q.MachineChanges > 0 ? $"[blue]{q.MachineChanges}[/]" : "0");
        }

        return table;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record QueueProgress(string Name, int Limit, int Running, int Waiting, int Retrying, int Completed, int Failed, int MachineChanges)
    {
        public override string ToString() =>
            $"{Name,-18} running {Running}/{Limit}, queued {Waiting}, retrying {Retrying}, completed {Completed}, failed {Failed}, bigger machine {MachineChanges}";
    }
}
