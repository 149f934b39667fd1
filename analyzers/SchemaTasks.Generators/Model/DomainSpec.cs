using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>
/// The tasks of one class and what the generated domain types need: the unit of output. Value-equatable, so a
/// domain whose tasks and validators did not change is not emitted again.
/// </summary>
/// <param name="Service">The class that declares the tasks.</param>
/// <param name="Tasks">The valid tasks, triggered ones first, each group in declaration order.</param>
/// <param name="Validators">The validators of the domain's payloads, sorted.</param>
internal sealed record DomainSpec(ServiceSpec Service, EquatableArray<TaskSpec> Tasks, EquatableArray<ValidatorSpec> Validators)
{
    /// <summary>
    /// The invalid triggered tasks whose tasker methods are kept, throwing (see <see cref="UnavailableTaskSpec"/>),
    /// in declaration order; none of their names is used by a task of <see cref="Tasks"/>.
    /// </summary>
    public EquatableArray<UnavailableTaskSpec> Unavailable { get; init; } = EquatableArray<UnavailableTaskSpec>.Empty;

    /// <summary>The domain name: the class name less <c>TaskService</c> (or <c>Service</c>).</summary>
    public string Name => TaskNaming.GetDomainName(Service.Name);

    /// <summary>The namespace of the generated types; "" for the global namespace.</summary>
    public string Namespace => Service.Namespace;

    /// <summary>Whether the generated types are public: the service and every payload are.</summary>
    public bool IsPublic
    {
        get
        {
            if (!Service.IsPublic)
            {
                return false;
            }

            foreach (var task in Tasks)
            {
                if (!task.PayloadIsPublic)
                {
                    return false;
                }
            }

            foreach (var task in Unavailable)
            {
                if (!task.PayloadIsPublic)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Whether the domain has triggered tasks (valid or kept callable), hence tasker types.</summary>
    public bool HasTaskers
    {
        get
        {
            if (Unavailable.Count > 0)
            {
                return true;
            }

            foreach (var task in Tasks)
            {
                if (task.Kind == TaskKind.Triggered)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether a task is an instance method, so that the service is registered and resolved.</summary>
    public bool RegistersService
    {
        get
        {
            foreach (var task in Tasks)
            {
                if (!task.IsStatic)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
