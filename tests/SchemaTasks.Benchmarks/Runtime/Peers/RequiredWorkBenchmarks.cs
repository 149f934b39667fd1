using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SchemaTasks.Execution;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// The floor under issue 12's runtime targets: what the SPEC requires of every trigger and every run, done with the
/// same libraries and nothing else, beside the generated sync tasker and the direct call in one run. A trigger must
/// validate its payload (FluentValidation), write it as JSON (System.Text.Json) and name the run; a run on an async
/// backend must also read the JSON back, validate again and call the method in a DI scope of its own; an inline run
/// (the sync tasker) must validate twice and call the method in a scope, without JSON by the SPEC's letter. None of
/// these rows has a store, a queue, a status, a history, a retry policy or a log (round 7's history holds no object
/// per finished run, so what it costs is SchemaTasks' own): how far SchemaTasks is above them is its own cost, and how
/// far they are above a target is what no implementation of the SPEC can win back. Times are per run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunsPerSecondConfig))]
public class RequiredWorkBenchmarks
{
    private const int Runs = 1_000;

    private PingPayload[] _payloads = null!;
    private IHost _host = null!;
    private PingSyncTasker _sync = null!;
    private PingTaskService _service = null!;
    private PingPayloadValidator _validator = null!;
    private IServiceScopeFactory _scopes = null!;
    private JsonTypeInfo<PingPayload> _json = null!;

    /// <summary>The sync tasker benchmark's host; the floor rows use its container, validator and JSON options.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _payloads = [.. Enumerable.Range(0, Runs).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];
        _host = await PingHost.StartAsync(options => options.Mode = TaskRunMode.Sync);
        _sync = _host.Services.GetRequiredService<PingSyncTasker>();
        _scopes = _host.Services.GetRequiredService<IServiceScopeFactory>();
        _ = RunCountdown.Start(int.MaxValue);
        // One call first: the runtime then has given its JSON options the contracts it serializes with.
        await _sync.PingAsync(_payloads[0]);
        var json = _host.Services.GetRequiredService<IOptions<SchemaTasksOptions>>().Value.JsonSerializerOptions;
        _json = (JsonTypeInfo<PingPayload>)json.GetTypeInfo(typeof(PingPayload));
        _service = new PingTaskService();
        _validator = new PingPayloadValidator();
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>What a caller without SchemaTasks writes: validate, then call the method (as in <see cref="SyncTaskerBenchmarks"/>).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "Direct call, same validator")]
    public async Task DirectCall()
    {
        foreach (var payload in _payloads)
        {
            await _validator.ValidateAndThrowAsync(payload);
            await _service.PingAsync(payload);
        }
    }

    /// <summary>A trigger's required work: validate, write the payload as JSON, name the run.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Required of a trigger: validate, JSON, run id")]
    public int TriggerFloor()
    {
        var length = 0;
        foreach (var payload in _payloads)
        {
            length += Trigger(payload).Json.Length;
        }

        return length;
    }

    /// <summary>A run's required work, inline: the trigger's, then the JSON read back, validated again, the method called in a scope.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Required of a run: + JSON back, validate again, DI scope, call")]
    public async Task RunFloor()
    {
        foreach (var payload in _payloads)
        {
            await RunAsync(Trigger(payload).Json);
        }
    }

    /// <summary>
    /// What the SPEC itself asks of an inline run: validation at the door and again before the attempt, a DI scope and
    /// the call. The JSON round trip of the row above is the async backends' requirement; the sync tasker makes it too
    /// (one executor for both modes), which is SchemaTasks' choice, not the SPEC's.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Required of an inline run: validate twice, DI scope, call")]
    public async Task InlineRunFloor()
    {
        foreach (var payload in _payloads)
        {
            _validator.ValidateAndThrow(payload);
            _validator.ValidateAndThrow(payload);
            await CallInScopeAsync(payload);
        }
    }

    /// <summary>The part of a run's required work that is neither validation nor JSON: a DI scope of its own and the call.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Of which a DI scope and the call")]
    public async Task ScopeAndCall()
    {
        foreach (var payload in _payloads)
        {
            await CallInScopeAsync(payload);
        }
    }

    /// <summary>The generated sync tasker, which does all of the above and keeps the run in the store.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Generated sync tasker")]
    public async Task SyncTasker()
    {
        foreach (var payload in _payloads)
        {
            await _sync.PingAsync(payload);
        }
    }

    private (string RunId, string Json) Trigger(PingPayload payload)
    {
        _validator.ValidateAndThrow(payload);
        return (RunIds.New(), JsonSerializer.Serialize(payload, _json));
    }

    private async Task RunAsync(string json)
    {
        var payload = JsonSerializer.Deserialize(json, _json)!;
        _validator.ValidateAndThrow(payload);
        await CallInScopeAsync(payload);
    }

    private async Task CallInScopeAsync(PingPayload payload)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<PingTaskService>().PingAsync(payload);
        }
    }
}
