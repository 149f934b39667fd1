using System.Text.Json.Serialization;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

/// <summary>
/// A payload that cannot cross a backend as JSON fails its trigger, naming the task and the property path, and
/// nothing is enqueued: not a raw serializer error that names no task, nor a trigger that succeeds and then fails
/// every run.
/// </summary>
public sealed class PayloadSerializationTests
{
    [Fact]
    public async Task A_Stream_property_fails_the_trigger_naming_the_task_and_the_property_path()
    {
        var task = Define<InvoiceWithAttachment>();
        await using var runtime = TestRuntime.Create(tasks: task);
        using var attachment = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<TaskPayloadSerializationException>(() =>
            runtime.Trigger.TriggerAsync(task, new InvoiceWithAttachment(1, new Customer("Ada", attachment)), null, TestContext.Current.CancellationToken));

        Assert.Equal(task.Id, error.TaskId);
        Assert.Equal("Customer.Attachment", error.PropertyPath);
        Assert.Contains($"task '{task.Id}'", error.Message);
        Assert.Contains("'Customer.Attachment'", error.Message);
        Assert.Contains("a Stream is not data", error.Message);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_interface_property_fails_at_the_trigger_not_in_every_run()
    {
        var ran = 0;
        var task = Define<InvoiceWithAddress>(() => Interlocked.Increment(ref ran));
        await using var runtime = TestRuntime.Create(tasks: task);

        // It serializes (as its interface's properties); only reading it back would fail, in every run.
        var error = await Assert.ThrowsAsync<TaskPayloadSerializationException>(() =>
            runtime.Trigger.TriggerAsync(task, new InvoiceWithAddress(1, new PostalAddress("Paris")), null, TestContext.Current.CancellationToken));

        Assert.Equal("Address", error.PropertyPath);
        Assert.Contains($"task '{task.Id}'", error.Message);
        Assert.Contains("an interface cannot be created from JSON", error.Message);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }, TestContext.Current.CancellationToken));
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task The_sync_path_fails_the_same_way()
    {
        var task = Define<InvoiceWithAddress>();
        await using var runtime = TestRuntime.Create(tasks: task);

        var error = await Assert.ThrowsAsync<TaskPayloadSerializationException>(() =>
            runtime.Sync.RunAsync(task, new InvoiceWithAddress(1, new PostalAddress("Paris")), null, TestContext.Current.CancellationToken));

        Assert.Equal("Address", error.PropertyPath);
    }

    [Fact]
    public async Task An_interface_property_with_polymorphism_metadata_crosses_and_runs()
    {
        var ran = 0;
        var task = Define<InvoiceWithKnownAddress>(() => Interlocked.Increment(ref ran));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new InvoiceWithKnownAddress(1, new KnownPostalAddress("Paris")), null, TestContext.Current.CancellationToken);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task A_getter_that_throws_is_named_by_its_path()
    {
        var task = Define<InvoiceWithBrokenTotal>();
        await using var runtime = TestRuntime.Create(tasks: task);

        var error = await Assert.ThrowsAsync<TaskPayloadSerializationException>(() =>
            runtime.Trigger.TriggerAsync(task, new InvoiceWithBrokenTotal(1, new Lines()), null, TestContext.Current.CancellationToken));

        Assert.Equal("Lines.Total", error.PropertyPath);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("no total yet", error.Message);
    }

    private static TaskDefinition<TPayload> Define<TPayload>(Action? onRun = null)
        where TPayload : notnull =>
        new(TestTasks.UniqueId("payload"), (_, _, _, _) =>
        {
            onRun?.Invoke();
            return Task.CompletedTask;
        });
}

public sealed record Customer(string Name, Stream Attachment);

public sealed record InvoiceWithAttachment(int Id, Customer Customer);

public interface IAddress
{
    string City { get; }
}

public sealed record PostalAddress(string City) : IAddress;

public sealed record InvoiceWithAddress(int Id, IAddress Address);

[JsonDerivedType(typeof(KnownPostalAddress), "postal")]
public interface IKnownAddress
{
    string City { get; }
}

public sealed record KnownPostalAddress(string City) : IKnownAddress;

public sealed record InvoiceWithKnownAddress(int Id, IKnownAddress Address);

public sealed class Lines
{
    public int Count { get; set; }

    public decimal Total => throw new InvalidOperationException("no total yet");
}

public sealed record InvoiceWithBrokenTotal(int Id, Lines Lines);
