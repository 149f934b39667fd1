using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// A task as the runtime knows it: its id, payload type, resolved queue, machine, retry policy and schedule,
/// and how to run it. The generator emits one per task in <c>&lt;Domain&gt;Tasks</c>; backends look tasks up
/// by id among the registered definitions, never by a type name read from storage.
/// </summary>
public abstract class TaskDefinition
{
    private protected TaskDefinition(
        string id,
        Type payloadType,
        QueueOptions? queue,
        Machine machine,
        RetryOptions? retry,
        ScheduleOptions? schedule,
        string? description,
        TimeSpan? maxDuration,
        IReadOnlyList<TaskServiceParameter>? serviceParameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ServiceParameters = serviceParameters ?? [];
        Id = id;
        PayloadType = payloadType;
        Queue = queue ?? QueueOptions.ForTask(id);
        Machine = machine;
        Retry = retry ?? RetryOptions.Default;
        Schedule = schedule;
        Description = description;
        if (maxDuration is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.FromSeconds(1), nameof(maxDuration));
        }

        MaxDuration = maxDuration;
    }

    /// <summary>The task id, e.g. <c>calendars.ensure-default-calendars</c>.</summary>
    public string Id { get; }

    /// <summary>The payload type (<see cref="ScheduledRun"/> for a scheduled task).</summary>
    public Type PayloadType { get; }

    /// <summary>The queue the task runs on; <c>task/&lt;id&gt;</c> when it declares none.</summary>
    public QueueOptions Queue { get; }

    /// <summary>The machine the task's first attempt runs on.</summary>
    public Machine Machine { get; }

    /// <summary>The retry policy.</summary>
    public RetryOptions Retry { get; }

    /// <summary>The cron schedule of a scheduled task; null for a triggered task.</summary>
    public ScheduleOptions? Schedule { get; }

    /// <summary>A human description of the task.</summary>
    public string? Description { get; }

    /// <summary>
    /// The longest an attempt may run (<see cref="TaskMaxDurationAttribute"/>); null: no limit. Past it the attempt's
    /// token is cancelled and the run ends <see cref="TaskRunStatus.TimedOut"/>, without a retry.
    /// </summary>
    public TimeSpan? MaxDuration { get; }

    /// <summary>
    /// The run method's required service parameters (resolved with <c>GetRequiredService</c>), which the host checks
    /// at start with <see cref="IServiceProviderIsService"/>: a task whose parameter nothing registers fails the start
    /// with a <see cref="TaskServiceResolutionException"/>, not every run.
    /// </summary>
    public IReadOnlyList<TaskServiceParameter> ServiceParameters { get; }

    /// <summary>
    /// Serializes a payload of this task to the JSON stored by async backends. Throws
    /// <see cref="TaskPayloadSerializationException"/>, naming the task and the property, when the payload cannot be
    /// written, or when its type has a property that could never be read back (an interface or abstract type without
    /// polymorphism metadata, a <c>Stream</c>, a delegate): the trigger fails rather than every run.
    /// </summary>
    /// <param name="payload">A payload of type <see cref="PayloadType"/>.</param>
    /// <param name="options">The serializer options of the application.</param>
    public abstract string SerializePayload(object payload, JsonSerializerOptions options);

    /// <summary>
    /// Reads a stored payload back. Throws <see cref="JsonException"/> (or <see cref="NotSupportedException"/>)
    /// when the text is not a payload of this task.
    /// </summary>
    /// <param name="json">The stored JSON.</param>
    /// <param name="options">The serializer options of the application.</param>
    public abstract object DeserializePayload(string json, JsonSerializerOptions options);

    /// <summary>Runs one attempt of the task with a payload of type <see cref="PayloadType"/>.</summary>
    /// <param name="services">The attempt's scoped service provider.</param>
    /// <param name="payload">The validated payload.</param>
    /// <param name="context">The attempt.</param>
    /// <param name="cancellationToken">Cancelled on shutdown or cancellation.</param>
    public abstract Task InvokeAsync(IServiceProvider services, object payload, TaskRunContext context, CancellationToken cancellationToken);

    /// <summary>The validator service of the payload, <c>IValidator&lt;TPayload&gt;</c>, to ask the container whether any is registered.</summary>
    internal abstract Type ValidatorType { get; }

    /// <summary>
    /// Triggers <paramref name="payload"/> (already read as this task's payload type) by the tasker mode, as a
    /// generated Tasker would: what replaying a stored run needs without knowing the payload type.
    /// </summary>
    internal abstract Task<TaskRunHandle> DispatchAsync(
        TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner sync, object payload, TriggerOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// <c>trigger.TriggerAsync&lt;TPayload&gt;(this, payload, ...)</c> with <paramref name="payload"/> read as this
    /// task's payload type: what a generated trigger tasker calls, through <see cref="GeneratedTaskCalls"/>.
    /// </summary>
    internal abstract Task<TaskRunHandle> TriggerAsync(ITaskTrigger trigger, object payload, TriggerOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// <c>runner.RunAsync&lt;TPayload&gt;(this, payload, ...)</c> with <paramref name="payload"/> read as this task's
    /// payload type: what a generated sync tasker calls, through <see cref="GeneratedTaskCalls"/>.
    /// </summary>
    internal abstract Task<TaskRunHandle> RunAsync(ISyncTaskRunner runner, object payload, TriggerOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// Runs every <c>IValidator&lt;TPayload&gt;</c> registered in <paramref name="services"/> and returns all their
    /// errors (empty when the payload is valid or no validator is registered). Typed here so that the runtime
    /// validates without reflection.
    /// </summary>
    internal abstract ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IServiceProvider services, object payload, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="validators"/> (each an <c>IValidator&lt;TPayload&gt;</c>) and returns all their errors.</summary>
    internal abstract ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IValidator[] validators, object payload, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>A task whose payload is <typeparamref name="TPayload"/>.</summary>
/// <typeparam name="TPayload">The payload type.</typeparam>
public sealed class TaskDefinition<TPayload> : TaskDefinition
    where TPayload : notnull
{
    private readonly TaskInvoker<TPayload> _invoker;

    /// <summary>Creates a task definition; the generator writes these calls.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="invoker">Runs one attempt.</param>
    /// <param name="queue">The queue; null gives the task its own queue <c>task/&lt;id&gt;</c>.</param>
    /// <param name="machine">The machine of the first attempt.</param>
    /// <param name="retry">The retry policy; null for the defaults.</param>
    /// <param name="schedule">The cron schedule of a scheduled task.</param>
    /// <param name="description">A human description.</param>
    /// <param name="maxDuration">The longest an attempt may run (at least 1 second); null: no limit.</param>
    /// <param name="serviceParameters">The run method's required service parameters, checked at the host's start.</param>
    public TaskDefinition(
        string id,
        TaskInvoker<TPayload> invoker,
        QueueOptions? queue = null,
        Machine machine = MachineExtensions.Default,
        RetryOptions? retry = null,
        ScheduleOptions? schedule = null,
        string? description = null,
        TimeSpan? maxDuration = null,
        IReadOnlyList<TaskServiceParameter>? serviceParameters = null)
        : base(id, typeof(TPayload), queue, machine, retry, schedule, description, maxDuration, serviceParameters)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    // The payload's contract in the options last used (the application's, the same every call): looked up once, not
    // on every trigger and attempt.
    private CachedContract? _contract;

    /// <inheritdoc />
    /// <remarks>
    /// The contract comes from <paramref name="options"/>' <see cref="JsonSerializerOptions.TypeInfoResolver"/>, so a
    /// trimmed or native AOT application supplies it with a <c>JsonSerializerContext</c> that lists the payload
    /// (<c>options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default)</c>); other applications
    /// get the reflection-based contract, as <see cref="JsonSerializer"/> gives by default. A payload whose contract
    /// cannot cross (a <c>Stream</c> or interface property...) or whose serialization throws is refused with a
    /// <see cref="TaskPayloadSerializationException"/> naming the task and the property path.
    /// </remarks>
    public override string SerializePayload(object payload, JsonSerializerOptions options)
    {
        var contract = ContractFor(options);
        if (contract.Problem is { } problem)
        {
            throw new TaskPayloadSerializationException(Id, problem.Path, problem.Reason);
        }

        try
        {
            return JsonSerializer.Serialize((TPayload)payload, contract.TypeInfo);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            var path = (ex as JsonException)?.Path ?? PayloadContract.FindPropertyThatThrows(payload, options);
            throw new TaskPayloadSerializationException(Id, path, ex);
        }
    }

    /// <inheritdoc />
    public override object DeserializePayload(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(json, ContractFor(options).TypeInfo)
        ?? throw new JsonException($"The stored payload of task '{Id}' is null.");

    private CachedContract ContractFor(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Volatile.Read(ref _contract) is { } cached && ReferenceEquals(cached.Options, options))
        {
            return cached;
        }

        JsonTypeInfo<TPayload> typeInfo;
        try
        {
            if (options.TypeInfoResolver is null && JsonSerializer.IsReflectionEnabledByDefault)
            {
                UseReflectionContracts(options);
            }

            typeInfo = (JsonTypeInfo<TPayload>)options.GetTypeInfo(typeof(TPayload));
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException)
        {
            throw new NotSupportedException(
                $"Task '{Id}' cannot serialize its payload {typeof(TPayload).FullName}: SchemaTasksOptions.JsonSerializerOptions has no JSON contract for it ({ex.Message}). "
                + "In a trimmed or native AOT application, add a JsonSerializerContext that lists the payload type: "
                + "options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default).", ex);
        }

        PayloadContract.Verdict verdict;
        try
        {
            verdict = PayloadContract.Check(typeof(TPayload), options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // System.Text.Json refuses the type's contract itself (two properties with one JSON name...).
            throw new TaskPayloadSerializationException(Id, null, ex);
        }

        var contract = new CachedContract(options, typeInfo, verdict.Problem);
        Volatile.Write(ref _contract, contract);
        return contract;
    }

    /// <inheritdoc />
    public override Task InvokeAsync(IServiceProvider services, object payload, TaskRunContext context, CancellationToken cancellationToken) =>
        _invoker(services, (TPayload)payload, context, cancellationToken);

    internal override Type ValidatorType => typeof(IValidator<TPayload>);

    internal override Task<TaskRunHandle> DispatchAsync(
        TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner sync, object payload, TriggerOptions? options, CancellationToken cancellationToken) =>
        context.DispatchAsync(
            Id,
            (Task: this, Trigger: trigger, Sync: sync, Payload: (TPayload)payload, Options: options, Token: cancellationToken),
            static call => call.Trigger.TriggerAsync(call.Task, call.Payload, call.Options, call.Token),
            static call => call.Sync.RunAsync(call.Task, call.Payload, call.Options, call.Token),
            context.Logger);

    internal override Task<TaskRunHandle> TriggerAsync(ITaskTrigger trigger, object payload, TriggerOptions? options, CancellationToken cancellationToken) =>
        trigger.TriggerAsync(this, (TPayload)payload, options, cancellationToken);

    internal override Task<TaskRunHandle> RunAsync(ISyncTaskRunner runner, object payload, TriggerOptions? options, CancellationToken cancellationToken) =>
        runner.RunAsync(this, (TPayload)payload, options, cancellationToken);

    internal override ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IServiceProvider services, object payload, CancellationToken cancellationToken) =>
        PayloadValidators<TPayload>.ValidateAsync(services.GetServices<IValidator<TPayload>>(), (TPayload)payload, cancellationToken);

    internal override ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IValidator[] validators, object payload, CancellationToken cancellationToken) =>
        PayloadValidators<TPayload>.ValidateAsync(validators, (TPayload)payload, cancellationToken);

    // What JsonSerializer.Serialize(value, options) does first: options without a resolver get the reflection-based one.
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification =
        "Called only when JsonSerializer.IsReflectionEnabledByDefault, the feature switch that trimmed and native AOT applications turn off (and the trimmer then removes this call); they supply a JsonSerializerContext instead.")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification =
        "Called only when JsonSerializer.IsReflectionEnabledByDefault, which native AOT applications turn off; they supply a JsonSerializerContext instead.")]
    private static void UseReflectionContracts(JsonSerializerOptions options) => options.MakeReadOnly(populateMissingResolver: true);

    // The payload's contract under one options instance, and the first property of it that cannot cross, if any.
    private sealed record CachedContract(JsonSerializerOptions Options, JsonTypeInfo<TPayload> TypeInfo, PayloadContract.Problem? Problem);
}
