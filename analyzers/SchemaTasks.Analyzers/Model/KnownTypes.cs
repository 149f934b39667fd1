using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// The types the rules compare against, resolved once per compilation (in a
/// <c>CompilationStartAction</c>) instead of by name at every symbol, and shared by every rule of the
/// compilation together with the tasks read so far.
/// </summary>
internal sealed class KnownTypes
{
    // One instance per compilation for all rules (each rule has its own CompilationStartAction): the task cache
    // only pays off when the dozen rules that read the same task method share it. Weak, so it dies with the
    // compilation.
    private static readonly ConditionalWeakTable<Compilation, Box> PerCompilation = new();

    private const string StreamName = "System.IO.Stream";
    private const string JsonPolymorphicAttributeName = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    private const string JsonDerivedTypeAttributeName = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    private const string JsonConstructorAttributeName = "System.Text.Json.Serialization.JsonConstructorAttribute";
    private const string JsonConverterAttributeName = "System.Text.Json.Serialization.JsonConverterAttribute";

    // The simple names the attributes are written with (the "Attribute" suffix dropped).
    private const string SchemaTaskName = "SchemaTask";
    private const string ScheduledTaskName = "ScheduledTask";
    private const string TaskQueueName = "TaskQueue";
    private const string TaskRetryName = "TaskRetry";
    private const string TaskMaxDurationName = "TaskMaxDuration";

    // Read once, by the first rule's CompilationStartAction; not cancellable (a walk of the declarations only), so
    // that a cancelled read never stays cached for the compilation's other analyses.
    private readonly Lazy<AttributeNamesInSource> _attributeNames;

    private KnownTypes(Compilation compilation, INamedTypeSymbol schemaTask, INamedTypeSymbol scheduledTask,
        INamedTypeSymbol queue, INamedTypeSymbol retry, INamedTypeSymbol machine)
    {
        _attributeNames = new Lazy<AttributeNamesInSource>(
            () => AttributeNamesInSource.Read(compilation, default), LazyThreadSafetyMode.ExecutionAndPublication);
        SchemaTaskAttribute = schemaTask;
        ScheduledTaskAttribute = scheduledTask;
        TaskQueueAttribute = queue;
        TaskRetryAttribute = retry;
        TaskMachineAttribute = machine;
        TaskMaxDurationAttribute = compilation.GetTypeByMetadataName(WellKnownNames.TaskMaxDurationAttribute);
        HeavyDependencyAttribute = compilation.GetTypeByMetadataName(WellKnownNames.HeavyDependencyAttribute);
        ScheduledRun = compilation.GetTypeByMetadataName(WellKnownNames.ScheduledRun);
        TaskRunContext = compilation.GetTypeByMetadataName(WellKnownNames.TaskRunContext);
        Machine = compilation.GetTypeByMetadataName(WellKnownNames.Machine);
        AbstractValidator = compilation.GetTypeByMetadataName(WellKnownNames.AbstractValidator);
        CancellationToken = compilation.GetTypeByMetadataName(WellKnownNames.CancellationToken);
        Task = compilation.GetTypeByMetadataName(WellKnownNames.Task);
        ValueTask = compilation.GetTypeByMetadataName(WellKnownNames.ValueTask);
        Stream = compilation.GetTypeByMetadataName(StreamName);
        JsonPolymorphicAttribute = compilation.GetTypeByMetadataName(JsonPolymorphicAttributeName);
        JsonDerivedTypeAttribute = compilation.GetTypeByMetadataName(JsonDerivedTypeAttributeName);
        JsonConstructorAttribute = compilation.GetTypeByMetadataName(JsonConstructorAttributeName);
        JsonConverterAttribute = compilation.GetTypeByMetadataName(JsonConverterAttributeName);
    }

    /// <summary><c>SchemaTasks.SchemaTaskAttribute</c>.</summary>
    public INamedTypeSymbol SchemaTaskAttribute { get; }

    /// <summary><c>SchemaTasks.ScheduledTaskAttribute</c>.</summary>
    public INamedTypeSymbol ScheduledTaskAttribute { get; }

    /// <summary><c>SchemaTasks.TaskQueueAttribute</c>.</summary>
    public INamedTypeSymbol TaskQueueAttribute { get; }

    /// <summary><c>SchemaTasks.TaskRetryAttribute</c>.</summary>
    public INamedTypeSymbol TaskRetryAttribute { get; }

    /// <summary><c>SchemaTasks.TaskMachineAttribute</c>.</summary>
    public INamedTypeSymbol TaskMachineAttribute { get; }

    /// <summary><c>SchemaTasks.TaskMaxDurationAttribute</c>; null with a runtime that predates it.</summary>
    public INamedTypeSymbol? TaskMaxDurationAttribute { get; }

    /// <summary><c>SchemaTasks.HeavyDependencyAttribute</c>.</summary>
    public INamedTypeSymbol? HeavyDependencyAttribute { get; }

    /// <summary><c>SchemaTasks.ScheduledRun</c>, the payload of a scheduled task.</summary>
    public INamedTypeSymbol? ScheduledRun { get; }

    /// <summary><c>SchemaTasks.TaskRunContext</c>.</summary>
    public INamedTypeSymbol? TaskRunContext { get; }

    /// <summary><c>SchemaTasks.Machine</c>.</summary>
    public INamedTypeSymbol? Machine { get; }

    /// <summary><c>FluentValidation.AbstractValidator&lt;T&gt;</c> (unbound); null when FluentValidation is not referenced.</summary>
    public INamedTypeSymbol? AbstractValidator { get; }

    /// <summary><c>System.Threading.CancellationToken</c>.</summary>
    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary><c>System.Threading.Tasks.Task</c>.</summary>
    public INamedTypeSymbol? Task { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask</c>.</summary>
    public INamedTypeSymbol? ValueTask { get; }

    /// <summary><c>System.IO.Stream</c>.</summary>
    public INamedTypeSymbol? Stream { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonPolymorphicAttribute</c>.</summary>
    public INamedTypeSymbol? JsonPolymorphicAttribute { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonDerivedTypeAttribute</c>.</summary>
    public INamedTypeSymbol? JsonDerivedTypeAttribute { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonConstructorAttribute</c>.</summary>
    public INamedTypeSymbol? JsonConstructorAttribute { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonConverterAttribute</c>.</summary>
    public INamedTypeSymbol? JsonConverterAttribute { get; }

    /// <summary>
    /// Resolves the known types, or returns null when the compilation does not reference SchemaTasks, so that
    /// every rule costs nothing in projects that do not use it.
    /// </summary>
    public static KnownTypes? TryCreate(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new Box(Create(c))).Types;

    /// <summary>
    /// The tasks read so far in this compilation, by method (only methods that carry a task attribute): filled by
    /// <see cref="TaskMethodReader"/>.
    /// </summary>
    internal ConcurrentDictionary<IMethodSymbol, TaskMethod?> TaskMethods { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The tasks of each class read so far in this compilation, as the generator sees them (only classes that write
    /// an attribute on a method): filled by <see cref="GeneratedTasks.Read"/>.
    /// </summary>
    internal ConcurrentDictionary<INamedTypeSymbol, GeneratedTasks?> GeneratedTasksOf { get; } = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<INamedTypeSymbol, ConfigTypeConfig> _configTypeConfigs = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<ITypeSymbol, PayloadProblem> _payloadProblems = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<ITypeSymbol, PayloadPropertyProblem?> _payloadPropertyProblems = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The first property of <paramref name="payload"/> that cannot cross as JSON (<see cref="PayloadPropertyRules.FindProblem"/>),
    /// walked once per payload type and compilation for the rules that ask (STK0008, STK0104, STK0111).
    /// </summary>
    internal PayloadPropertyProblem? PayloadPropertyProblemOf(ITypeSymbol payload) =>
        _payloadPropertyProblems.GetOrAdd(payload, static type => PayloadPropertyRules.FindProblem(type));

    /// <summary>
    /// The config <paramref name="configType"/> gives a task that writes none of its own (<see cref="ConfigTypeConfig"/>),
    /// read once per config type and compilation for every task that names it.
    /// </summary>
    internal ConfigTypeConfig ConfigTypeConfigOf(INamedTypeSymbol configType, CancellationToken cancellationToken) =>
        // Looked up first: GetOrAdd's factory would allocate its closure at every call, cached or not.
        _configTypeConfigs.TryGetValue(configType, out var config)
            ? config
            : _configTypeConfigs.GetOrAdd(configType, ConfigTypeConfig.Read(configType, cancellationToken));

    /// <summary>
    /// Why <paramref name="payload"/> cannot cross as JSON (<see cref="PayloadRules.GetProblem"/>), answered once per
    /// type and compilation for the rules that ask (STK0008, STK0104, STK0111): a record's constructors are listed
    /// anew at every call.
    /// </summary>
    internal PayloadProblem PayloadProblemOf(ITypeSymbol payload) =>
        _payloadProblems.GetOrAdd(payload, static type => PayloadRules.GetProblem(type));

    /// <summary>
    /// Whether STK0008 rejects <paramref name="payload"/>, for its type or for a property: the other payload rules
    /// (STK0104, STK0111) then stay quiet, so that the first and only thing a user reads is STK0008.
    /// </summary>
    internal bool IsPayloadRejected(ITypeSymbol payload) =>
        PayloadProblemOf(payload) != PayloadProblem.None || PayloadPropertyProblemOf(payload) is not null;

    /// <summary>
    /// Whether the compilation may declare a task: <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> is written on some
    /// declaration (read from syntax once per compilation, <see cref="AttributeNamesInSource"/>). When not, the
    /// rules about tasks register nothing.
    /// </summary>
    public bool MayDeclareTasks => AttributeNames.MayBeWritten(SchemaTaskName) || AttributeNames.MayBeWritten(ScheduledTaskName);

    /// <summary>Whether <c>[TaskQueue]</c> may be written on some declaration of the compilation.</summary>
    public bool MayDeclareQueue => AttributeNames.MayBeWritten(TaskQueueName);

    /// <summary>Whether a config attribute with limits to check (queue, retry, max duration) may be written on some declaration of the compilation.</summary>
    public bool MayDeclareConfigLimits =>
        MayDeclareQueue || AttributeNames.MayBeWritten(TaskRetryName) || AttributeNames.MayBeWritten(TaskMaxDurationName);

    private AttributeNamesInSource AttributeNames => _attributeNames.Value;

    /// <summary>The validators of this compilation by payload, read once for the rules that ask (STK0104, STK0110).</summary>
    internal ValidatorIndex Validators { get; } = new();

    private static KnownTypes? Create(Compilation compilation)
    {
        var schemaTask = compilation.GetTypeByMetadataName(WellKnownNames.SchemaTaskAttribute);
        if (schemaTask is null)
        {
            return null;
        }

        var scheduledTask = compilation.GetTypeByMetadataName(WellKnownNames.ScheduledTaskAttribute);
        var queue = compilation.GetTypeByMetadataName(WellKnownNames.TaskQueueAttribute);
        var retry = compilation.GetTypeByMetadataName(WellKnownNames.TaskRetryAttribute);
        var machine = compilation.GetTypeByMetadataName(WellKnownNames.TaskMachineAttribute);
        if (scheduledTask is null || queue is null || retry is null || machine is null)
        {
            return null;
        }

        return new KnownTypes(compilation, schemaTask, scheduledTask, queue, retry, machine);
    }

    /// <summary>Whether <paramref name="attributeClass"/> is <c>[SchemaTask]</c> or <c>[ScheduledTask]</c>.</summary>
    public bool IsTaskAttribute(INamedTypeSymbol? attributeClass) =>
        SymbolEqualityComparer.Default.Equals(attributeClass, SchemaTaskAttribute)
        || SymbolEqualityComparer.Default.Equals(attributeClass, ScheduledTaskAttribute);

    /// <summary>Whether <paramref name="attributeClass"/> is one of the config attributes (queue, retry, machine, max duration).</summary>
    public bool IsConfigAttribute(INamedTypeSymbol? attributeClass) =>
        SymbolEqualityComparer.Default.Equals(attributeClass, TaskQueueAttribute)
        || SymbolEqualityComparer.Default.Equals(attributeClass, TaskRetryAttribute)
        || SymbolEqualityComparer.Default.Equals(attributeClass, TaskMachineAttribute)
        || (TaskMaxDurationAttribute is not null && SymbolEqualityComparer.Default.Equals(attributeClass, TaskMaxDurationAttribute));

    // ConditionalWeakTable needs a non-null value; null Types means the compilation does not use SchemaTasks.
    private sealed class Box
    {
        public Box(KnownTypes? types) => Types = types;

        public KnownTypes? Types { get; }
    }
}
