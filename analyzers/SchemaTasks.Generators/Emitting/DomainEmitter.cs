using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Adds the sources of one domain: one file per generated type.</summary>
internal static class DomainEmitter
{
    /// <summary>Emits every type of <paramref name="domain"/>; a domain with only scheduled tasks gets no taskers.</summary>
    public static void Emit(SourceProductionContext context, DomainSpec domain)
    {
        var ns = domain.Namespace;
        Add(context, GeneratedFile.HintName(ns, DomainNames.Tasks(domain.Name)), TasksEmitter.Emit(domain));
        if (domain.HasTaskers)
        {
            Add(context, GeneratedFile.HintName(ns, DomainNames.TaskerInterface(domain.Name)), TaskerInterfaceEmitter.Emit(domain));
            Add(context, GeneratedFile.HintName(ns, DomainNames.TriggerTasker(domain.Name)), TriggerTaskerEmitter.Emit(domain));
            Add(context, GeneratedFile.HintName(ns, DomainNames.SyncTasker(domain.Name)), SyncTaskerEmitter.Emit(domain));
            Add(context, GeneratedFile.HintName(ns, DomainNames.Tasker(domain.Name)), TaskerEmitter.Emit(domain));
            if (domain.Unavailable.Count > 0)
            {
                Add(context, GeneratedFile.HintName(ns, DomainNames.TaskerInterface(domain.Name) + UnavailableTasksEmitter.HintSuffix), UnavailableTasksEmitter.Emit(domain));
            }
        }

        Add(context, GeneratedFile.HintName(RegistrationEmitter.Namespace, DomainNames.Registration(domain.Name)), RegistrationEmitter.Emit(domain));

        // CA1812 cannot see DI create the service and validators; a file of its own, named after the domain.
        if (InstantiationSuppressionsEmitter.Emit(domain) is { } suppressions)
        {
            Add(context, GeneratedFile.HintName(ns, DomainNames.Tasks(domain.Name) + InstantiationSuppressionsEmitter.FileSuffix), suppressions);
        }
    }

    private static void Add(SourceProductionContext context, string hintName, string source)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
    }
}
