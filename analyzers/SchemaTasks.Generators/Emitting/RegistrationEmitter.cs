using System.Collections.Generic;
using SchemaTasks.Generators.Model;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// Emits <c>Add&lt;Domain&gt;Tasker</c> in <c>Microsoft.Extensions.DependencyInjection</c>: the runtime, the task
/// definitions, the task service, the taskers and the payload validators, registered without reflection and
/// idempotently.
/// </summary>
internal static class RegistrationEmitter
{
    /// <summary>The namespace of the extension class, as every <c>Add*</c> of Microsoft.Extensions.</summary>
    public const string Namespace = "Microsoft.Extensions.DependencyInjection";

    private const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    private const string DescriptorExtensions = "global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions";

    private static string WhatElse(DomainSpec domain)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (domain.RegistersService)
        {
            parts.Add("the service itself (scoped)");
        }

        if (domain.HasTaskers)
        {
            parts.Add("the taskers (<see cref=\"" + GeneratedFile.Qualified(domain, DomainNames.TaskerInterface(domain.Name)) + "\"/> among them)");
        }

        if (!domain.Validators.IsEmpty)
        {
            parts.Add("the validators of its payloads");
        }

        return parts.Count switch
        {
            0 => "",
            1 => ", with " + parts[0],
            _ => ", with " + string.Join(", ", parts.GetRange(0, parts.Count - 1)) + " and " + parts[parts.Count - 1],
        };
    }

    /// <summary>The source of the registration extension.</summary>
    public static string Emit(DomainSpec domain)
    {
        var tasks = GeneratedFile.Qualified(domain, DomainNames.Tasks(domain.Name));
        var writer = GeneratedFile.Start(Namespace);

        writer.Line("/// <summary>Registers the tasks of " + GeneratedFile.ServiceCref(domain) + ".</summary>")
            .Line(GeneratedFile.GeneratedCodeAttribute)
            .Line(GeneratedFile.Accessibility(domain) + " static partial class " + DomainNames.Registration(domain.Name))
            .OpenBlock()
            .Line("/// <summary>")
            .Line("/// Registers SchemaTasks (once) and the task definitions of " + GeneratedFile.ServiceCref(domain) + WhatElse(domain) + ".")
            .Line("/// Calling it again adds nothing.")
            .Line("/// </summary>")
            .Line("/// <param name=\"services\">The service collection.</param>")
            .Line("/// <returns><paramref name=\"services\"/>, for chaining.</returns>")
            .Line("public static " + ServiceCollection + " " + DomainNames.RegistrationMethod(domain.Name) + "(this " + ServiceCollection + " services)")
            .OpenBlock()
            .Line("if (services is null)")
            .OpenBlock()
            .Line("throw new global::System.ArgumentNullException(nameof(services));")
            .CloseBlock()
            .Line()
            .Line("var builder = global::Microsoft.Extensions.DependencyInjection.SchemaTasksServiceCollectionExtensions.AddSchemaTasks(services);");

        // One call with the domain's list, not one per task: the registration's size does not grow with the tasks.
        writer.Line(CSharpText.Runtime + "GeneratedRegistration.AddTasks(builder, " + tasks + ".All);");

        if (domain.RegistersService)
        {
            writer.Line(DescriptorExtensions + ".TryAddScoped<" + domain.Service.TypeName + ">(services);");
        }

        if (domain.HasTaskers)
        {
            // One runtime call for the four tasker types: one generic method to bind instead of four overload
            // resolutions and a factory lambda.
            writer.Line(CSharpText.Runtime + "GeneratedRegistration.AddTaskers<" +
                        GeneratedFile.Qualified(domain, DomainNames.TriggerTasker(domain.Name)) + ", " +
                        GeneratedFile.Qualified(domain, DomainNames.SyncTasker(domain.Name)) + ", " +
                        GeneratedFile.Qualified(domain, DomainNames.Tasker(domain.Name)) + ", " +
                        GeneratedFile.Qualified(domain, DomainNames.TaskerInterface(domain.Name)) + ">(services);");
        }

        // One shared, non-generic runtime call per validator: a task of its payload supplies IValidator<TPayload>.
        var taskOfValidator = TaskOfEachValidator(domain, tasks);
        foreach (var validator in domain.Validators)
        {
            // Always found (the domain's validators are its tasks'); looked up without an indexer that could throw.
            if (taskOfValidator.TryGetValue(validator, out var task))
            {
                writer.Line(CSharpText.Runtime + "GeneratedRegistration.AddValidator(services, ", task, ", typeof(", validator.ValidatorTypeName, "));");
            }
        }

        writer.Line("return services;")
            .CloseBlock()
            .CloseBlock();
        return GeneratedFile.End(writer, Namespace);
    }

    // The first task of each validator's payload (the domain's validators are those of its tasks' payloads).
    private static Dictionary<ValidatorSpec, string> TaskOfEachValidator(DomainSpec domain, string tasks)
    {
        var taskOf = new Dictionary<ValidatorSpec, string>();
        foreach (var task in domain.Tasks)
        {
            foreach (var validator in task.PayloadValidators)
            {
                if (!taskOf.ContainsKey(validator))
                {
                    taskOf.Add(validator, tasks + "." + CSharpText.Identifier(task.MemberName));
                }
            }
        }

        return taskOf;
    }
}
