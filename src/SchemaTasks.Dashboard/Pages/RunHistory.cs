namespace SchemaTasks.Dashboard.Pages;

/// <summary>Reads every run a query matches, a page of 1000 at a time with the store's cursor, up to a bound.</summary>
internal static class RunHistory
{
    public static async Task<IReadOnlyList<TaskRunInfo>> ReadAsync(ITaskRuns runs, TaskRunQuery query, int max, CancellationToken cancellationToken)
    {
        var all = new List<TaskRunInfo>();
        string? after = null;
        while (all.Count < max)
        {
            var page = await runs.ListAsync(query with { After = after, Skip = 0, Take = Math.Min(1000, max - all.Count) }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < 1000 || page.Count == 0)
            {
                break;
            }

            after = page[^1].RunId;
        }

        return all;
    }
}
