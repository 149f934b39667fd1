using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// The generated sync tasker (<c>PingSyncTasker</c>: validation, the run recorded, JSON round trip, validation again,
/// the method in its own DI scope) against what it replaces: validating with the same validator and calling the
/// method directly. Times are per run; the target is a ratio of at most 2.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunsPerSecondConfig))]
public class SyncTaskerBenchmarks
{
    private const int Runs = 1_000;

    private PingPayload[] _payloads = null!;
    private IHost _host = null!;
    private PingSyncTasker _sync = null!;
    private PingTaskService _service = null!;
    private PingPayloadValidator _validator = null!;

    /// <summary>The same host as the end-to-end benchmark.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _payloads = [.. Enumerable.Range(0, Runs).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Sync);
        builder.Services.AddPingTasker();
        _host = builder.Build();
        await _host.StartAsync();
        _sync = _host.Services.GetRequiredService<PingSyncTasker>();
        _service = new PingTaskService();
        _validator = new PingPayloadValidator();
        _ = RunCountdown.Start(int.MaxValue);
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>What a caller without SchemaTasks writes: validate, then call the method.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "Direct call, same validator")]
    public async Task DirectCall()
    {
        foreach (var payload in _payloads)
        {
            await _validator.ValidateAndThrowAsync(payload);
            await _service.PingAsync(payload);
        }
    }

    /// <summary>The generated sync tasker, each call completed when it returns.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Generated sync tasker")]
    public async Task SyncTasker()
    {
        foreach (var payload in _payloads)
        {
            await _sync.PingAsync(payload);
        }
    }
}
