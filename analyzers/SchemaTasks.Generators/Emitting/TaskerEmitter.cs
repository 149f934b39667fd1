using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// Emits <c>&lt;Domain&gt;Tasker</c>: the runtime's <c>GeneratedTasker</c> base (a <c>Tasker</c>) dispatches each call to
/// what the trigger tasker or the sync tasker forwards to, as the pattern's base Tasker does. Each method is one
/// non-generic call: no instantiation, inference or method-group conversion for the compiler to bind per task.
/// </summary>
internal static class TaskerEmitter
{
    /// <summary>The source of <c>&lt;Domain&gt;Tasker</c>.</summary>
    public static string Emit(DomainSpec domain)
    {
        var className = DomainNames.Tasker(domain.Name);
        var triggerType = GeneratedFile.Qualified(domain, DomainNames.TriggerTasker(domain.Name));
        var syncType = GeneratedFile.Qualified(domain, DomainNames.SyncTasker(domain.Name));
        var tasks = GeneratedFile.Qualified(domain, DomainNames.Tasks(domain.Name));
        var writer = GeneratedFile.Start(domain.Namespace);
        writer.Line("/// <summary>")
            .Line("/// The tasker of " + GeneratedFile.ServiceCref(domain) + ": runs each task asynchronously through")
            .Line("/// <see cref=\"" + triggerType + "\"/>, or inline through <see cref=\"" + syncType + "\"/> when")
            .Line("/// <c>ENABLE_ASYNC_TASKER</c> is <c>false</c> or the backend cannot enqueue.")
            .Line("/// </summary>")
            .Line(GeneratedFile.GeneratedCodeAttribute)
            .Line(GeneratedFile.Accessibility(domain) + " sealed partial class " + className + " : " + CSharpText.Runtime + "GeneratedTasker, " + GeneratedFile.Qualified(domain, DomainNames.TaskerInterface(domain.Name)))
            .OpenBlock()
            .Line("/// <summary>Creates the tasker.</summary>")
            .Line("/// <param name=\"context\">The mode and fallback settings shared by every tasker.</param>")
            .Line("/// <param name=\"trigger\">The async tasker.</param>")
            .Line("/// <param name=\"sync\">The sync tasker.</param>")
            .Line("public " + className + "(" + CSharpText.Runtime + "TaskerContext context, " + triggerType + " trigger, " + syncType + " sync)")
            .Indent()
            // A null tasker reaches the base as null, which throws ArgumentNullException naming it.
            .Line(": base(context, trigger?._" + TriggerTaskerEmitter.DependencyName + "!, sync?._" + SyncTaskerEmitter.DependencyName + "!)")
            .Outdent()
            .OpenBlock()
            .CloseBlock();

        foreach (var task in domain.Tasks)
        {
            if (task.Kind != TaskKind.Triggered)
            {
                continue;
            }

            var method = CSharpText.Identifier(task.TaskerMethodName);
            writer.Line()
                .Line("/// <inheritdoc />")
                .Line("public " + GeneratedFile.TaskerReturnType + " ", method, "(", task.PayloadTypeName, GeneratedFile.TaskerParametersAfterPayload)
                .OpenBlock()
                .Line("return DispatchTaskAsync(", tasks, ".", CSharpText.Identifier(task.MemberName), ", payload, options, cancellationToken);")
                .CloseBlock();
        }

        writer.CloseBlock();
        return GeneratedFile.End(writer, domain.Namespace);
    }
}
