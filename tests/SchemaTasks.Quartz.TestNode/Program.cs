// A cluster node for the tests. Configuration through environment variables:
//   NODE_CONNECTION, NODE_SCHEMA, NODE_ID, NODE_MACHINES (comma-separated enum names; empty: all),
//   NODE_LEASE_SECONDS, NODE_SHUTDOWN_SECONDS (the host's shutdown timeout), NODE_CLOCK_OFFSET_MS (the node's clock runs this far ahead: the cron test).
// Prints READY once the host has started; stops gracefully on SIGTERM.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaTasks;
using SchemaTasks.Quartz.TestNode;

var connection = Environment.GetEnvironmentVariable("NODE_CONNECTION") ?? throw new InvalidOperationException("NODE_CONNECTION is not set.");
var schema = Environment.GetEnvironmentVariable("NODE_SCHEMA") ?? "schematasks";
var nodeId = Environment.GetEnvironmentVariable("NODE_ID") ?? $"node-{Environment.ProcessId}";
var machines = (Environment.GetEnvironmentVariable("NODE_MACHINES") ?? "")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(Enum.Parse<Machine>)
    .ToList();
var lease = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("NODE_LEASE_SECONDS") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
var shutdown = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("NODE_SHUTDOWN_SECONDS") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
var offset = TimeSpan.FromMilliseconds(long.Parse(Environment.GetEnvironmentVariable("NODE_CLOCK_OFFSET_MS") ?? "0", System.Globalization.CultureInfo.InvariantCulture));

await using var probe = NpgsqlDataSource.Create(connection);
ClusterTasks.Probe = probe;
ClusterTasks.Schema = schema;
ClusterTasks.NodeId = nodeId;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdown);
if (offset != TimeSpan.Zero)
{
    builder.Services.AddSingleton<TimeProvider>(new OffsetTimeProvider(offset));
}

var schemaTasks = builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async);
foreach (var task in ClusterTasks.All)
{
    schemaTasks.AddTask(task);
}

schemaTasks.UseQuartz(options =>
{
    options.ConnectionString = connection;
    options.Schema = schema;
    options.NodeId = nodeId;
    options.LeaseTimeout = lease;
    options.PollInterval = TimeSpan.FromSeconds(1);
    foreach (var machine in machines)
    {
        options.Machines.Add(machine);
    }
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("READY");
await host.WaitForShutdownAsync();
Console.WriteLine("STOPPED");

/// <summary>The system clock moved by a fixed offset.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
