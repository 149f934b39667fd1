using System.Diagnostics;

namespace SchemaTasks.Quartz;

/// <summary>
/// Settings of the Quartz.NET backend (<c>services.AddSchemaTasks().UseQuartz(options =&gt; ...)</c>). Without a
/// <see cref="ConnectionString"/> the backend runs on Quartz's RAM store in this process only; with one, runs,
/// idempotency keys, queue slots and Quartz's own tables live in PostgreSQL, and every node that points at the same
/// database and <see cref="Schema"/> is one cluster.
/// </summary>
public sealed class SchemaTasksQuartzOptions
{
    /// <summary>The default PostgreSQL schema.</summary>
    public const string DefaultSchema = "schematasks";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql syntax). Null or empty: Quartz's RAM store and the in-memory run
    /// store, in one process, not durable.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The machine presets this node runs attempts for. Empty (the default): every preset. A run whose preset no live
    /// node serves stays <see cref="TaskRunStatus.Queued"/> and is logged.
    /// </summary>
    public ISet<Machine> Machines { get; } = new HashSet<Machine>();

    /// <summary>This node's id in the cluster (Quartz instance id, lease owner). Default: machine name and process id.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Whether the tables are created, or upgraded, at start (versioned; safe when several nodes start at once). Default true.</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>The PostgreSQL schema that holds every table of this cluster, Quartz's included. Default <c>schematasks</c>.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>The most attempts this node runs at once, over all queues. Default 64.</summary>
    public int MaxConcurrentAttempts { get; set; } = 64;

    /// <summary>
    /// How long a queue slot held by a node stays taken without a heartbeat: after a node dies, its runs go back to
    /// the queue once this has passed. The heartbeat renews every third of it. Default 15 s.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The safety-net poll: a node that heard no notification looks at the run table this often anyway (a lost
    /// notification, a clock that moved). Default 5 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal bool IsDurable => !string.IsNullOrWhiteSpace(ConnectionString);

    internal bool Serves(Machine machine) => Machines.Count == 0 || Machines.Contains(machine);

    internal Machine[] ServedMachines() => Machines.Count == 0 ? Enum.GetValues<Machine>() : [.. Machines];

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            throw new InvalidOperationException("SchemaTasksQuartzOptions.NodeId must not be empty.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Schema ?? "", "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new InvalidOperationException(
                $"SchemaTasksQuartzOptions.Schema '{Schema}' is not a plain lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*, at most 63 characters).");
        }

        if (MaxConcurrentAttempts < 1 || LeaseTimeout < TimeSpan.FromSeconds(1) || PollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("SchemaTasksQuartzOptions: MaxConcurrentAttempts must be at least 1, LeaseTimeout at least 1 s, PollInterval positive.");
        }

        Debug.Assert(Machines is not null);
    }
}
