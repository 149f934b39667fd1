using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// Writes a tasker class that holds one runtime dependency and forwards every task to it: the shape of
/// <c>&lt;Domain&gt;TriggerTasker</c> and <c>&lt;Domain&gt;SyncTasker</c>.
/// </summary>
internal static class ForwardingTaskerEmitter
{
    /// <summary>The source of one forwarding tasker.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="className">The tasker's name.</param>
    /// <param name="summary">The class summary, one line.</param>
    /// <param name="dependencyType">The runtime interface it forwards to.</param>
    /// <param name="dependencyName">The constructor parameter's name.</param>
    /// <param name="dependencyDoc">The constructor parameter's doc.</param>
    /// <param name="forwardMethod">The method of <c>GeneratedTaskCalls</c> each task calls with the dependency.</param>
    public static string Emit(
        DomainSpec domain,
        string className,
        string summary,
        string dependencyType,
        string dependencyName,
        string dependencyDoc,
        string forwardMethod)
    {
        var tasks = GeneratedFile.Qualified(domain, DomainNames.Tasks(domain.Name));
        var field = "_" + dependencyName;
        var forwardCall = "return " + CSharpText.Runtime + "GeneratedTaskCalls." + forwardMethod + "(" + field + ", ";
        var writer = GeneratedFile.Start(domain.Namespace);
        writer.Line("/// <summary>" + summary + "</summary>")
            .Line(GeneratedFile.GeneratedCodeAttribute)
            .Line(GeneratedFile.Accessibility(domain) + " sealed partial class " + className + " : " + GeneratedFile.Qualified(domain, DomainNames.TaskerInterface(domain.Name)))
            .OpenBlock()
            // Internal: the domain's tasker reads it to dispatch straight to the runtime (GeneratedTasker).
            .Line("internal readonly " + dependencyType + " " + field + ";")
            .Line()
            .Line("/// <summary>Creates the tasker.</summary>")
            .Line("/// <param name=\"" + dependencyName + "\">" + dependencyDoc + "</param>")
            .Line("public " + className + "(" + dependencyType + " " + dependencyName + ")")
            .OpenBlock()
            .Line(field + " = " + dependencyName + " ?? throw new global::System.ArgumentNullException(nameof(" + dependencyName + "));")
            .CloseBlock();

        foreach (var task in domain.Tasks)
        {
            if (task.Kind != TaskKind.Triggered)
            {
                continue;
            }

            writer.Line()
                .Line("/// <inheritdoc />")
                .Line("public " + GeneratedFile.TaskerReturnType + " ", CSharpText.Identifier(task.TaskerMethodName), "(", task.PayloadTypeName, GeneratedFile.TaskerParametersAfterPayload)
                .OpenBlock()
                // One shared, non-generic runtime method: no generic instantiation per task for the compiler to bind.
                .Line(forwardCall, tasks, ".", CSharpText.Identifier(task.MemberName), ", payload, options, cancellationToken);")
                .CloseBlock();
        }

        writer.CloseBlock();
        return GeneratedFile.End(writer, domain.Namespace);
    }
}
