using FluentValidation;

namespace SchemaTasks.Tests.Infrastructure;

public sealed record TestPayload(int Value, string? Name = null, IReadOnlyList<int>? Items = null);

public sealed class TestPayloadValidator : AbstractValidator<TestPayload>
{
    public TestPayloadValidator()
    {
        RuleFor(payload => payload.Value).GreaterThan(0);
        RuleFor(payload => payload.Name).NotEqual("invalid");
    }
}

/// <summary>Hand-written definitions, as the generator would write them, with lambda invokers.</summary>
public static class TestTasks
{
    private static int s_counter;

    /// <summary>A unique task id, so that static telemetry from parallel tests never mixes.</summary>
    public static string UniqueId(string name) => $"tests.{name}-{Interlocked.Increment(ref s_counter)}";

    public static TaskDefinition<TestPayload> Define(
        TaskInvoker<TestPayload> invoker,
        string? id = null,
        QueueOptions? queue = null,
        Machine machine = Machine.Small1x,
        RetryOptions? retry = null) =>
        new(id ?? UniqueId("task"), invoker, queue, machine, retry ?? NoJitter());

    /// <summary>A task whose body only counts its invocations, for tests that a run did or did not execute.</summary>
    public static TaskDefinition<TestPayload> Counting(out Invocations invocations)
    {
        var counter = new Invocations();
        invocations = counter;
        return Define((_, _, _, _) => counter.Record());
    }

    public static RetryOptions NoJitter(int maxAttempts = 3, int minTimeoutInMs = 1000, int maxTimeoutInMs = 60_000, double factor = 2, Machine? outOfMemoryMachine = null) => new()
    {
        MaxAttempts = maxAttempts,
        MinTimeoutInMs = minTimeoutInMs,
        MaxTimeoutInMs = maxTimeoutInMs,
        Factor = factor,
        Randomize = false,
        OutOfMemoryMachine = outOfMemoryMachine,
    };
}

/// <summary>How many times a <see cref="TestTasks.Counting"/> task's body ran.</summary>
public sealed class Invocations
{
    private int _count;

    /// <summary>The invocations so far.</summary>
    public int Count => Volatile.Read(ref _count);

    internal Task Record()
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}
