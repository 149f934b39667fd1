using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers;

/// <summary>
/// The catalog of every SchemaTasks rule. Errors are contract violations (those that make the generated
/// code impossible are not configurable); warnings enforce the tasker pattern.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>
    /// Where every rule's page lives: the docs address the analyzers were built with (SchemaTasksDocsBaseUrl in
    /// Directory.Build.props, baked into <see cref="DocsLinks"/> at build time) and its <c>diagnostics/</c> folder.
    /// </summary>
    public const string HelpLinkBase = DocsLinks.BaseUrl + "diagnostics/";

    private const string Contract = "SchemaTasks.Contract";
    private const string Pattern = "SchemaTasks.Pattern";

    private static readonly string[] NotConfigurable = [WellKnownDiagnosticTags.NotConfigurable];

    public static readonly DiagnosticDescriptor InvalidTaskMethodShape = Error(
        DiagnosticIds.InvalidTaskMethodShape,
        "Task method has an invalid shape",
        "Task method '{0}' {1}",
        "A task method returns Task or ValueTask, takes the payload first (ScheduledRun for a scheduled task), then only CancellationToken, TaskRunContext or services, is not generic, and is accessible to generated code.",
        notConfigurable: true);

    public static readonly DiagnosticDescriptor InvalidTaskId = Error(
        DiagnosticIds.InvalidTaskId,
        "Task id is not of the form 'domain.task-name'",
        "Task id '{0}' is invalid: {1}",
        "A task id is lower-case letters and digits in segments joined by '.' or '-' (^[a-z0-9]+([.-][a-z0-9]+)*$), at most 128 characters.",
        notConfigurable: true);

    public static readonly DiagnosticDescriptor DuplicateTaskId = Error(
        DiagnosticIds.DuplicateTaskId,
        "Task id is declared twice",
        "Task id '{0}' is also declared by {1}: give each task an id of its own",
        "Every task id names one task; a backend looks tasks up by id.",
        notConfigurable: true,
        compilationEnd: true);

    public static readonly DiagnosticDescriptor InvalidCron = Error(
        DiagnosticIds.InvalidCron,
        "Invalid cron expression",
        "Cron expression '{0}' is invalid: {1}",
        "A schedule's cron has 5 fields: minute, hour, day of month, month, day of week.",
        notConfigurable: true);

    public static readonly DiagnosticDescriptor UnknownTimeZone = Error(
        DiagnosticIds.UnknownTimeZone,
        "Unknown IANA time zone",
        "Time zone '{0}' is not an IANA time zone id: {1}",
        "A schedule's time zone is an IANA id such as 'UTC' or 'Europe/Paris'.",
        notConfigurable: true);

    public static readonly DiagnosticDescriptor ConfigValueOutOfRange = Error(
        DiagnosticIds.ConfigValueOutOfRange,
        "Config value out of range",
        "{0} is {1}; it must be {2}",
        "ConcurrencyLimit is 1 to 100000, MaxAttempts 1 to 250, Factor at least 1, and 0 <= MinTimeoutInMs <= MaxTimeoutInMs.");

    public static readonly DiagnosticDescriptor OutOfMemoryMachineNotLarger = Error(
        DiagnosticIds.OutOfMemoryMachineNotLarger,
        "OutOfMemoryMachine is not larger than the task's machine",
        "OutOfMemoryMachine {0} is not larger than the machine of {1}: {2}",
        "An out-of-memory retry must run on a larger machine, or it fails again.");

    // STK0007 again, for an OutOfMemoryMachine on a shared config type: once per argument, naming every task it is
    // too small for, so it is collected over the compilation and reported at its end (the tag the IDE needs); a
    // descriptor of its own keeps the method-level check above live while typing.
    public static readonly DiagnosticDescriptor SharedOutOfMemoryMachineNotLarger = Error(
        DiagnosticIds.OutOfMemoryMachineNotLarger,
        "OutOfMemoryMachine is not larger than the task's machine",
        "OutOfMemoryMachine {0} is not larger than the machine of {1}: {2}",
        "An out-of-memory retry must run on a larger machine, or it fails again.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor PayloadNotSerializable = Error(
        DiagnosticIds.PayloadNotSerializable,
        "Payload type cannot cross a backend as JSON",
        "Payload type '{0}' of task '{1}' cannot cross a backend as JSON: {2}",
        "Payloads are stored as JSON by async backends and must round-trip: no object, dynamic, interface, abstract type without polymorphism metadata, delegate, Stream or pointer, and a usable constructor; the same holds for every property they hold, at any depth.",
        notConfigurable: true);

    public static readonly DiagnosticDescriptor ConflictingQueueLimits = Error(
        DiagnosticIds.ConflictingQueueLimits,
        "Queue declared with two different limits",
        "Queue '{0}' is declared with limits {1} here and {2} elsewhere: declare it once on a shared config type, or give every declaration the same limits",
        "A queue's limits apply to every task on it, so every declaration must agree.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor MissingRetryConfig = Warning(
        DiagnosticIds.MissingRetryConfig,
        "Task has no retry config",
        "Task '{0}' has no retry config and runs on the defaults: add [{1}] to {2}",
        "The pattern wants every task's retry policy written down in its shared config.");

    public static readonly DiagnosticDescriptor MissingQueueConfig = Warning(
        DiagnosticIds.MissingQueueConfig,
        "Task has no queue config",
        "Task '{0}' has no queue config and runs unbounded on its own queue: add [{1}] to {2}",
        "The pattern wants every task on a named queue with a concurrency limit sized from production load.");

    public static readonly DiagnosticDescriptor MissingOutOfMemoryMachine = Warning(
        DiagnosticIds.MissingOutOfMemoryMachine,
        "Retry config has no OutOfMemoryMachine",
        "The retry config of task '{0}' sets no OutOfMemoryMachine: add OutOfMemoryMachine = Machine.{1} to its [TaskRetry], one size above its machine {2}",
        "The pattern wants an out-of-memory retry on a larger machine in every retry config.");

    public static readonly DiagnosticDescriptor MissingValidator = Warning(
        DiagnosticIds.MissingValidator,
        "Payload has no validator",
        "Payload type '{0}' of task '{1}' is unvalidated: {2}",
        "The pattern validates every payload on trigger and on run (schemaTask, not task); the generated registration adds IValidator<P> for a validator next to the payload or named like a validator, and accessible to generated code.");

    public static readonly DiagnosticDescriptor HeavyDependencyTakenEagerly = Warning(
        DiagnosticIds.HeavyDependencyTakenEagerly,
        "Heavy dependency taken eagerly",
        "'{0}' is a heavy dependency taken eagerly by task service '{1}'; take it as a run-method parameter",
        "Heavy dependencies are resolved lazily per run (the pattern's dynamic import), never in a task service's constructor, field or property.");

    public static readonly DiagnosticDescriptor ExceptionSwallowed = Warning(
        DiagnosticIds.ExceptionSwallowed,
        "Run method swallows every exception",
        "Task '{0}' catches every exception without rethrowing: its retry config can never fire; end the catch with 'throw;' or catch only the exceptions it handles",
        "A catch-all that neither rethrows nor throws makes every attempt succeed, so retries are dead.");

    public static readonly DiagnosticDescriptor PayloadPropertyLostInJson = Warning(
        DiagnosticIds.PayloadPropertyLostInJson,
        "Payload property does not round-trip through JSON",
        "Property '{0}' of payload type '{1}' of task '{2}' has {3} and no constructor parameter: it comes back from JSON as its default",
        "Async backends store the payload as JSON; System.Text.Json sets a property only through a public setter or init, [JsonInclude], or a constructor parameter of the same name.");

    public static readonly DiagnosticDescriptor ServiceParameterLooksLikePayload = Warning(
        DiagnosticIds.ServiceParameterLooksLikePayload,
        "Run-method service parameter looks like a payload",
        "Parameter '{0}' of task '{1}' is resolved from DI, but its type '{2}' looks like a payload ({3}): every run would fail to resolve it. Put this data in the task's payload '{4}' (a task takes one payload, its first parameter), or register '{2}' as a service if it is one",
        "Every parameter after the payload (other than CancellationToken and TaskRunContext) is a service resolved from the run's DI scope; a second payload there fails every run.");

    public static readonly DiagnosticDescriptor TaskServiceNaming = Warning(
        DiagnosticIds.TaskServiceNaming,
        "Task class is not named <Domain>TaskService",
        "Class '{0}' declares tasks but is not named '<Domain>TaskService': {1}",
        "The generated taskers take their names from the task service's domain.");

    // STK0107 again, for two task services with one domain: compared across the compilation, so reported at its
    // end with the tag the IDE needs; a descriptor of its own keeps the naming check above live while typing.
    public static readonly DiagnosticDescriptor TaskServiceDomainCollision = Warning(
        DiagnosticIds.TaskServiceNaming,
        "Task class is not named <Domain>TaskService",
        "Class '{0}' has the domain '{1}', like {2}: both would generate Add{1}Tasker in Microsoft.Extensions.DependencyInjection, so neither domain is generated (rename one class)",
        "The generated taskers take their names from the task service's domain; two classes in any namespaces with one domain would generate the same registration class, so the generator emits neither.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor CancellationTokenMissingOrUnused = Warning(
        DiagnosticIds.CancellationTokenMissingOrUnused,
        "Run method ignores cancellation",
        "Task method '{0}' {1}",
        "A run must stop when the host stops; take a CancellationToken and pass it on.");

    public static readonly DiagnosticDescriptor ConfigOnTaskInsteadOfSharedType = new(
        DiagnosticIds.ConfigOnTaskInsteadOfSharedType,
        "Config written on the task instead of a shared config type",
        "Task '{0}' writes [{1}] on the method; move it to the shared config type its tasks name with Config = typeof(...)",
        Pattern,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The pattern keeps one config per queue, reused by the domain's tasks.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.ConfigOnTaskInsteadOfSharedType + ".md");

    private static DiagnosticDescriptor Error(string id, string title, string message, string description,
        bool notConfigurable = false, bool compilationEnd = false) =>
        new(id, title, message, Contract, DiagnosticSeverity.Error, isEnabledByDefault: true, description,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: Tags(notConfigurable, compilationEnd));

    // Rules that compare declarations across the compilation report at its end; the tag tells the IDE so.
    private static string[] Tags(bool notConfigurable, bool compilationEnd) => (notConfigurable, compilationEnd) switch
    {
        (true, true) => [WellKnownDiagnosticTags.NotConfigurable, WellKnownDiagnosticTags.CompilationEnd],
        (true, false) => NotConfigurable,
        (false, true) => [WellKnownDiagnosticTags.CompilationEnd],
        _ => [],
    };

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description, bool compilationEnd = false) =>
        new(id, title, message, Pattern, DiagnosticSeverity.Warning, isEnabledByDefault: true, description,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: Tags(notConfigurable: false, compilationEnd));
}
