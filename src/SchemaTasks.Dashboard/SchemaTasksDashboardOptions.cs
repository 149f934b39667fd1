namespace SchemaTasks.Dashboard;

/// <summary>Options of the SchemaTasks dashboard (<c>services.AddSchemaTasksDashboard(options =&gt; ...)</c>).</summary>
public sealed class SchemaTasksDashboardOptions
{
    /// <summary>
    /// Whether run detail shows the run's payload. Null (the default): on in the Development environment, off
    /// elsewhere, because payloads may carry personal data.
    /// </summary>
    public bool? ShowPayloads { get; set; }

    /// <summary>
    /// Whether requests from other machines are refused (403) while the dashboard's endpoints carry no authorization
    /// metadata. Default true: secure by default. Calling <c>.RequireAuthorization(...)</c> on the builder that
    /// <c>MapSchemaTasksDashboard</c> returns lifts the restriction; setting this to false lifts it without
    /// authorization, which is only safe behind another gate.
    /// </summary>
    public bool LocalRequestsOnlyWithoutAuthorization { get; set; } = true;

    /// <summary>The title shown in the header and the browser tab.</summary>
    public string Title { get; set; } = "SchemaTasks";

    /// <summary>How often live regions refresh, in milliseconds (at least 250). Default 1000.</summary>
    public int RefreshIntervalMs { get; set; } = 1000;

    /// <summary>
    /// The factor the Advice page multiplies Little's law's average concurrency by, to leave room for bursts
    /// (at least 1). Default 1.5: 50% headroom.
    /// </summary>
    public double AdviceHeadroom { get; set; } = 1.5;

    /// <summary>The most runs per task the Advice page reads for one window. Default 10 000.</summary>
    public int AdviceMaxRuns { get; set; } = 10_000;

    /// <summary>
    /// The share of a task's runs that ran out of memory from which the Advice page suggests starting the task on
    /// its out-of-memory machine (0 to 1). Default 0.05: one run in twenty.
    /// </summary>
    public double AdviceOutOfMemoryShare { get; set; } = 0.05;
}
