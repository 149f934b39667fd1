using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Emits <c>I&lt;Domain&gt;Tasker</c>: one method per triggered task, what applications call.</summary>
internal static class TaskerInterfaceEmitter
{
    /// <summary>The source of <c>I&lt;Domain&gt;Tasker</c>.</summary>
    public static string Emit(DomainSpec domain)
    {
        var writer = GeneratedFile.Start(domain.Namespace);
        writer.Line("/// <summary>")
            .Line("/// Triggers the tasks of " + GeneratedFile.ServiceCref(domain) + ". Inject it: it runs each task")
            .Line("/// asynchronously on the configured backend, or inline when <c>ENABLE_ASYNC_TASKER</c> is <c>false</c>.")
            .Line("/// </summary>")
            .Line(GeneratedFile.GeneratedCodeAttribute)
            .Line(GeneratedFile.Accessibility(domain) + " partial interface " + DomainNames.TaskerInterface(domain.Name))
            .OpenBlock();

        var first = true;
        foreach (var task in domain.Tasks)
        {
            if (task.Kind != TaskKind.Triggered)
            {
                continue;
            }

            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line("/// <summary>Validates <paramref name=\"payload\"/> and runs the task <c>", task.Id, "</c>.</summary>")
                .Line("/// <param name=\"payload\">The payload; a validation failure throws <c>FluentValidation.ValidationException</c>.</param>")
                .Line("/// <param name=\"options\">Options of this run: idempotency key, delay, TTL, tags, overrides.</param>")
                .Line("/// <param name=\"cancellationToken\">Cancels the trigger.</param>")
                .Line("/// <returns>The handle of the run.</returns>")
                .Line(GeneratedFile.TaskerReturnType + " ", CSharpText.Identifier(task.TaskerMethodName), "(", task.PayloadTypeName, GeneratedFile.TaskerParametersAfterPayload, ";");
        }

        writer.CloseBlock();
        return GeneratedFile.End(writer, domain.Namespace);
    }
}
