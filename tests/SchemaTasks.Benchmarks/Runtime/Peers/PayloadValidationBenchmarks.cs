using BenchmarkDotNet.Attributes;
using FluentValidation;
using FluentValidation.Results;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// One validation of the runtime (the sync tasker pays two per call: at the door and before the attempt) with the
/// benchmark's validator, before and after round 4 side by side: every validator through FluentValidation's
/// <c>ValidateAsync</c> (the runtime's loop until then, kept here), against <c>PayloadValidators</c>, which runs a
/// validator with only synchronous rules through <c>Validate</c>. Times are per validation.
/// </summary>
[MemoryDiagnoser]
public class PayloadValidationBenchmarks
{
    private const int Validations = 1_000;

    private PingPayload[] _payloads = null!;
    private IValidator[] _validators = null!;

    /// <summary>The payloads of the sync tasker benchmark and its validator, built once (as the runtime shares it).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payloads = [.. Enumerable.Range(0, Validations).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];
        _validators = [new PingPayloadValidator()];
    }

    /// <summary>Before: the runtime's loop up to round 3, every validator through <c>ValidateAsync</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Validations, Description = "ValidateAsync per validator (before)")]
    public async Task<int> ValidateAsyncLoop()
    {
        var errors = 0;
        foreach (var payload in _payloads)
        {
            errors += (await ValidateAsyncBefore(_validators, payload, CancellationToken.None)).Count;
        }

        return errors;
    }

    /// <summary>After: the runtime's <c>PayloadValidators</c>.</summary>
    [Benchmark(OperationsPerInvoke = Validations, Description = "PayloadValidators (after)")]
    public async Task<int> PayloadValidatorsLoop()
    {
        var errors = 0;
        foreach (var payload in _payloads)
        {
            errors += (await PayloadValidators<PingPayload>.ValidateAsync(_validators, payload, CancellationToken.None)).Count;
        }

        return errors;
    }

    // The loop of TaskDefinition<TPayload>.ValidateAsync(IValidator[], ...) before round 4, verbatim.
    private static async ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsyncBefore(IValidator[] validators, PingPayload payload, CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await ((IValidator<PingPayload>)validator).ValidateAsync(new ValidationContext<PingPayload>(payload), cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        return failures ?? (IReadOnlyList<ValidationFailure>)[];
    }
}
