using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// Emits the tasker methods of a domain's invalid tasks (<see cref="DomainSpec.Unavailable"/>) as parts of the
/// interface and of the three taskers, each throwing. Code that already calls them keeps compiling, so the user's
/// first and only error is the SchemaTasks diagnostic on the task, not a CS0246 or CS1061 in the calling code.
/// </summary>
internal static class UnavailableTasksEmitter
{
    /// <summary>The hint-name suffix of the file, after the interface's name.</summary>
    public const string HintSuffix = ".Unavailable";

    /// <summary>The source of the parts, for a domain with at least one unavailable task.</summary>
    public static string Emit(DomainSpec domain)
    {
        var writer = GeneratedFile.Start(domain.Namespace);
        writer.Line("partial interface " + DomainNames.TaskerInterface(domain.Name)).OpenBlock();
        var first = true;
        foreach (var task in domain.Unavailable)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line("/// <summary>")
                .Line("/// Not generated: the task method <c>" + CSharpText.Xml(MethodOf(domain, task)) + "</c> is invalid (a SchemaTasks error")
                .Line("/// says why), so this method only throws. It stays so that code calling it compiles until the task is fixed.")
                .Line("/// </summary>")
                .Line("/// <param name=\"payload\">The payload.</param>")
                .Line("/// <param name=\"options\">Options of this run.</param>")
                .Line("/// <param name=\"cancellationToken\">Cancels the trigger.</param>")
                .Line("/// <returns>Never returns: throws <see cref=\"global::System.InvalidOperationException\"/>.</returns>")
                .Line(GeneratedFile.TaskerReturnType + " ", CSharpText.Identifier(task.TaskerMethodName), "(", task.PayloadTypeName, GeneratedFile.TaskerParametersAfterPayload, ";");
        }

        writer.CloseBlock();
        foreach (var className in new[] { DomainNames.Tasker(domain.Name), DomainNames.TriggerTasker(domain.Name), DomainNames.SyncTasker(domain.Name) })
        {
            writer.Line().Line("partial class " + className).OpenBlock();
            first = true;
            foreach (var task in domain.Unavailable)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                writer.Line("/// <inheritdoc />")
                    .Line("public " + GeneratedFile.TaskerReturnType + " ", CSharpText.Identifier(task.TaskerMethodName), "(", task.PayloadTypeName, GeneratedFile.TaskerParametersAfterPayload, " =>")
                    .Indent()
                    .Line("throw new global::System.InvalidOperationException(" + CSharpText.Literal(
                        "The task method " + MethodOf(domain, task) + " is invalid, so SchemaTasks generated no task for it: fix the SchemaTasks error " +
                        "(STK0001-STK0009) reported on it.") + ");")
                    .Outdent();
            }

            writer.CloseBlock();
        }

        return GeneratedFile.End(writer, domain.Namespace);
    }

    private static string MethodOf(DomainSpec domain, UnavailableTaskSpec task) => domain.Service.Name + "." + task.MethodName;
}
