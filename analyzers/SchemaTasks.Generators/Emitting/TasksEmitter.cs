using System.Globalization;
using System.Collections.Generic;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// Emits <c>&lt;Domain&gt;Tasks</c>: the id constants, one <c>TaskDefinition&lt;TPayload&gt;</c> per task with its
/// resolved config and generated invoker, and <c>All</c>. A queue or retry policy that several tasks resolve to (the
/// domain's shared config type) is written once, as a private static the definitions share, not once per task.
/// </summary>
internal static class TasksEmitter
{
    /// <summary>The source of <c>&lt;Domain&gt;Tasks</c>.</summary>
    public static string Emit(DomainSpec domain)
    {
        var writer = GeneratedFile.Start(domain.Namespace);
        writer.Line("/// <summary>")
            .Line("/// The tasks of " + GeneratedFile.ServiceCref(domain) + ": their ids, and one definition per task with its")
            .Line("/// resolved queue, machine, retry policy and schedule, and the invoker that runs it.")
            .Line("/// </summary>")
            .Line(GeneratedFile.GeneratedCodeAttribute)
            .Line(GeneratedFile.Accessibility(domain) + " static partial class " + DomainNames.Tasks(domain.Name))
            .OpenBlock();

        // Each task's queue and retry expressions, built once: they key the shared fields and fill the definitions.
        var queues = new string?[domain.Tasks.Count];
        var retries = new string?[domain.Tasks.Count];
        for (var i = 0; i < domain.Tasks.Count; i++)
        {
            queues[i] = Queue(domain.Tasks[i].Config.Queue);
            retries[i] = Retry(domain.Tasks[i].Config.Retry);
        }

        var shared = WriteSharedConfig(writer, queues, retries);
        var invokers = InvokerNames(domain, shared);
        var serviceName = CSharpText.Xml(domain.Service.Name);
        for (var i = 0; i < domain.Tasks.Count; i++)
        {
            WriteTask(writer, domain, domain.Tasks[i], queues[i], retries[i], shared, invokers[i], serviceName);
        }

        writer.Line("/// <summary>Every task of " + GeneratedFile.ServiceCref(domain) + ": the triggered ones, then the scheduled ones.</summary>")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<" + CSharpText.Runtime + "TaskDefinition> All { get; } = new " + CSharpText.Runtime + "TaskDefinition[]")
            .OpenBlock();
        foreach (var task in domain.Tasks)
        {
            writer.Line(CSharpText.Identifier(task.MemberName), ",");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
        return GeneratedFile.End(writer, domain.Namespace);
    }

    // The distinct queues and retry policies of the domain's tasks, each a private static field declared before the
    // definitions (static initializers run in text order); returns the field name of each expression.
    private static Dictionary<string, string> WriteSharedConfig(SourceWriter writer, string?[] queues, string?[] retries)
    {
        var fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (var i = 0; i < queues.Length; i++)
        {
            Share(writer, fields, CSharpText.Runtime + "QueueOptions", "SharedQueue", queues[i]);
            Share(writer, fields, CSharpText.Runtime + "RetryOptions", "SharedRetry", retries[i]);
        }

        if (fields.Count > 0)
        {
            writer.Line();
        }

        return fields;
    }

    private static void Share(SourceWriter writer, Dictionary<string, string> fields, string type, string prefix, string? expression)
    {
        if (expression is null || fields.ContainsKey(expression))
        {
            return;
        }

        var index = 0;
        foreach (var existing in fields.Values)
        {
            if (existing.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                index++;
            }
        }

        var name = prefix + index.ToString(CultureInfo.InvariantCulture);
        fields.Add(expression, name);
        writer.Line("private static readonly ", type, " ", name, " = ", expression, ";");
    }

    private static string SharedOrNull(Dictionary<string, string> shared, string? expression) =>
        expression is null ? "null" : shared[expression];

    // The private invoker method of each task: "Invoke" and the task's member name, with underscores appended until
    // it is none of the class's other members (a task may be named InvokeX beside X).
    private static List<string> InvokerNames(DomainSpec domain, Dictionary<string, string> shared)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { "All", DomainNames.Tasks(domain.Name) };
        taken.UnionWith(shared.Values);
        foreach (var task in domain.Tasks)
        {
            taken.Add(CSharpText.Identifier(task.MemberName));
            taken.Add(CSharpText.Identifier(task.IdConstantName));
        }

        var names = new List<string>(domain.Tasks.Count);
        foreach (var task in domain.Tasks)
        {
            var name = "Invoke" + task.MemberName;
            while (!taken.Add(name))
            {
                name += "_";
            }

            names.Add(name);
        }

        return names;
    }

    private static void WriteTask(SourceWriter writer, DomainSpec domain, TaskSpec task, string? queue, string? retry, Dictionary<string, string> shared, string invoker, string serviceName)
    {
        var idConstant = CSharpText.Identifier(task.IdConstantName);
        var what = task.Kind == TaskKind.Scheduled ? "scheduled task" : "task";

        writer.Line("/// <summary>The id of the ", what, " <c>", task.Id, "</c>.</summary>")
            .Line("public const string ", idConstant, " = ", CSharpText.Literal(task.Id), ";")
            .Line()
            .Line("/// <summary>The ", what, " <c>", task.Id, "</c>, run by <c>", serviceName, ".", task.MethodName, "</c>.</summary>")
            // Target-typed: the property's type is bound once, not a second time for the object creation.
            .Line("public static " + CSharpText.Runtime + "TaskDefinition<", task.PayloadTypeName, "> ", CSharpText.Identifier(task.MemberName), " { get; } = new(")
            .Indent()
            .Line("id: ", idConstant, ",")
            // A method group, not a lambda: the compiler binds the body once, not again for the constructor's
            // overload resolution.
            .Line("invoker: ", invoker, ",");

        var config = task.Config;
        WriteServiceParameters(writer, task);
        // The constructor's optional arguments that are null (schedule, description, max duration) are left out:
        // fewer arguments to bind.
        var arguments = new List<string>
        {
            "queue: " + SharedOrNull(shared, queue),
            "machine: " + CSharpText.Machine(config.Machine),
            "retry: " + SharedOrNull(shared, retry),
        };
        if (task.Schedule is { } schedule)
        {
            arguments.Add("schedule: " + Schedule(schedule));
        }

        if (task.Description is { } description)
        {
            arguments.Add("description: " + CSharpText.Literal(description));
        }

        if (config.MaxDurationSeconds is { } seconds)
        {
            arguments.Add("maxDuration: global::System.TimeSpan.FromSeconds(" + seconds.ToString(CultureInfo.InvariantCulture) + ")");
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line(arguments[i], i == arguments.Count - 1 ? ");" : ",");
        }

        writer.Outdent().Line()
            .Line("private static global::System.Threading.Tasks.Task ", invoker, "(global::System.IServiceProvider services, ", task.PayloadTypeName,
                  " payload, " + CSharpText.Runtime + "TaskRunContext context, global::System.Threading.CancellationToken cancellationToken) =>")
            .Indent();
        WriteInvocation(writer, domain, task);
        writer.Outdent().Line();
    }

    // services.GetRequiredService<Service>().MethodAsync(payload, TaskServices.GetRequired<Dep>(services, Id, "dep"), cancellationToken):
    // a required service parameter that cannot be resolved fails the run with its name, without a retry.
    private static void WriteInvocation(SourceWriter writer, DomainSpec domain, TaskSpec task)
    {
        var idConstant = CSharpText.Identifier(task.IdConstantName);
        var target = task.IsStatic
            ? domain.Service.TypeName
            : CSharpText.ServiceProviderExtensions + ".GetRequiredService<" + domain.Service.TypeName + ">(services)";
        writer.Line(target, ".", CSharpText.Identifier(task.MethodName), "(").Indent();

        var arguments = new List<string>(task.Parameters.Count);
        foreach (var parameter in task.Parameters)
        {
            arguments.Add(parameter.Kind switch
            {
                TaskParameterKind.Payload => "payload",
                TaskParameterKind.CancellationToken => "cancellationToken",
                TaskParameterKind.Context => "context",
                TaskParameterKind.OptionalService => CSharpText.ServiceProviderExtensions + ".GetService<" + parameter.TypeName + ">(services)",
                _ => CSharpText.Runtime + "TaskServices.GetRequired<" + parameter.TypeName + ">(services, " + idConstant + ", " + CSharpText.Literal(parameter.Name) + ")",
            });
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var last = i == arguments.Count - 1;
            writer.Line(arguments[i], last ? (task.ReturnsValueTask ? ").AsTask();" : ");") : ",");
        }

        writer.Outdent();
    }

    // The required service parameters, which the host checks at start: one missing registration fails the start
    // naming the task, the parameter and the type, instead of every attempt. Omitted when there are none.
    private static void WriteServiceParameters(SourceWriter writer, TaskSpec task)
    {
        var services = new List<TaskParameterSpec>();
        foreach (var parameter in task.Parameters)
        {
            if (parameter.Kind == TaskParameterKind.Service)
            {
                services.Add(parameter);
            }
        }

        if (services.Count == 0)
        {
            return;
        }

        writer.Line("serviceParameters: new " + CSharpText.Runtime + "TaskServiceParameter[]").OpenBlock();
        foreach (var parameter in services)
        {
            writer.Line(CSharpText.Runtime + "TaskServiceParameter.Of<" + parameter.TypeName + ">(" + CSharpText.Literal(parameter.Name) + "),");
        }

        writer.CloseBlock(",");
    }

    private static string? Queue(QueueConfig? queue) =>
        queue is null
            ? null
            : "new " + CSharpText.Runtime + "QueueOptions(" + CSharpText.Literal(queue.Name) + ", " +
              CSharpText.Literal(queue.ConcurrencyLimit) + ", " + CSharpText.Literal(queue.TotalConcurrencyLimit) + ")";

    private static string? Retry(RetryConfig? retry) =>
        retry is null
            ? null
            : "new " + CSharpText.Runtime + "RetryOptions { MaxAttempts = " + CSharpText.Literal(retry.MaxAttempts) +
              ", Factor = " + CSharpText.Literal(retry.Factor) +
              ", MinTimeoutInMs = " + CSharpText.Literal(retry.MinTimeoutInMs) +
              ", MaxTimeoutInMs = " + CSharpText.Literal(retry.MaxTimeoutInMs) +
              ", Randomize = " + CSharpText.Literal(retry.Randomize) +
              (retry.OutOfMemoryMachine is { } machine ? ", OutOfMemoryMachine = " + CSharpText.Machine(machine) : "") + " }";

    private static string Schedule(ScheduleSpec schedule) =>
        "new " + CSharpText.Runtime + "ScheduleOptions(" + CSharpText.Literal(schedule.Cron) + ", " +
        CSharpText.Literal(schedule.TimeZone) + ", " + CSharpText.Literal(schedule.SkipIfActive) + ")";
}
