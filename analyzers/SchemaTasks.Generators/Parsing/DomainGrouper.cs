using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Parsing;

/// <summary>
/// Groups the parsed tasks by the class that declares them into domains, and drops what would make the generated
/// code not compile: tasks whose generated names collide in their domain, and domains whose generated type names
/// collide with another's (their extension class lives in one shared namespace).
/// </summary>
internal static class DomainGrouper
{
    /// <summary>The domains of <paramref name="triggered"/> and <paramref name="scheduled"/>, in first-seen order.</summary>
    public static ImmutableArray<DomainSpec> Group(
        ImmutableArray<ParsedTask> triggered,
        ImmutableArray<TaskSpec> scheduled,
        CancellationToken cancellationToken)
    {
        var byService = new Dictionary<string, (List<TaskSpec> Tasks, List<UnavailableTaskSpec> Unavailable)>(StringComparer.Ordinal);
        var order = new List<ServiceSpec>();
        (List<TaskSpec> Tasks, List<UnavailableTaskSpec> Unavailable) Of(ServiceSpec service)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!byService.TryGetValue(service.TypeName, out var group))
            {
                group = ([], []);
                byService.Add(service.TypeName, group);
                order.Add(service);
            }

            return group;
        }

        foreach (var parsed in triggered)
        {
            if (parsed.Task is { } task)
            {
                Of(task.Service).Tasks.Add(task);
            }
            else if (parsed.Unavailable is { } unavailable)
            {
                Of(unavailable.Service).Unavailable.Add(unavailable);
            }
        }

        foreach (var task in scheduled)
        {
            Of(task.Service).Tasks.Add(task);
        }

        var domains = new List<DomainSpec>(order.Count);
        foreach (var service in order)
        {
            var group = byService[service.TypeName];
            var tasks = WithoutCollisions(service, group.Tasks);
            var unavailable = WithoutTakenNames(tasks, group.Unavailable);
            if (tasks.Length > 0 || unavailable.Count > 0)
            {
                domains.Add(new DomainSpec(service, new EquatableArray<TaskSpec>(tasks), EquatableArray<ValidatorSpec>.Empty)
                {
                    Unavailable = unavailable,
                });
            }
        }

        return WithGeneratedTaskersResolved(WithoutDomainCollisions(domains));
    }

    // An invalid task keeps its tasker method only where no valid task (nor an earlier invalid one) has that name.
    private static EquatableArray<UnavailableTaskSpec> WithoutTakenNames(TaskSpec[] tasks, List<UnavailableTaskSpec> unavailable)
    {
        if (unavailable.Count == 0)
        {
            return EquatableArray<UnavailableTaskSpec>.Empty;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task.Kind == TaskKind.Triggered)
            {
                taken.Add(task.TaskerMethodName);
            }
        }

        var kept = new List<UnavailableTaskSpec>(unavailable.Count);
        foreach (var task in unavailable)
        {
            if (taken.Add(task.TaskerMethodName))
            {
                kept.Add(task);
            }
        }

        return EquatableArray.From(kept);
    }

    // Each task adds the names Member, MemberId (in <Domain>Tasks) and MemberAsync (on the taskers). A name used
    // twice, or reserved, drops every task that uses it (TaskNameCollisions, shared with STK0001).
    private static TaskSpec[] WithoutCollisions(ServiceSpec service, List<TaskSpec> tasks)
    {
        var names = new (string MethodName, bool HasTaskerMethod)[tasks.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = (tasks[i].MethodName, tasks[i].Kind == TaskKind.Triggered);
        }

        var collisions = new TaskNameCollisions(TaskNaming.GetDomainName(service.Name), names);
        var kept = new List<TaskSpec>(tasks.Count);
        for (var i = 0; i < names.Length; i++)
        {
            if (!collisions.Collides(i))
            {
                kept.Add(tasks[i]);
            }
        }

        return kept.ToArray();
    }

    // A task may take a tasker this generator emits (a schedule fanning out to its domain's batch task); it was
    // unresolved while parsing, so it is qualified here with the namespace of the domain that generates it. A name
    // no domain generates (or two do) drops the task: its invoker could not compile.
    private static ImmutableArray<DomainSpec> WithGeneratedTaskersResolved(ImmutableArray<DomainSpec> domains)
    {
        var generated = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            if (!domain.HasTaskers)
            {
                continue;
            }

            var qualifier = domain.Namespace.Length > 0 ? "global::" + domain.Namespace + "." : "global::";
            foreach (var name in new[]
                     {
                         DomainNames.TaskerInterface(domain.Name), DomainNames.Tasker(domain.Name),
                         DomainNames.TriggerTasker(domain.Name), DomainNames.SyncTasker(domain.Name),
                     })
            {
                generated[name] = generated.ContainsKey(name) ? null : qualifier + name;
            }
        }

        var builder = ImmutableArray.CreateBuilder<DomainSpec>(domains.Length);
        foreach (var domain in domains)
        {
            var tasks = new List<TaskSpec>(domain.Tasks.Count);
            foreach (var task in domain.Tasks)
            {
                if (Resolve(task, generated) is { } resolved)
                {
                    tasks.Add(resolved);
                }
            }

            if (tasks.Count > 0 || domain.Unavailable.Count > 0)
            {
                builder.Add(domain with { Tasks = EquatableArray.From(tasks) });
            }
        }

        return builder.ToImmutable();
    }

    private static TaskSpec? Resolve(TaskSpec task, Dictionary<string, string?> generated)
    {
        var needsResolution = false;
        foreach (var parameter in task.Parameters)
        {
            needsResolution |= parameter.IsGeneratedTasker;
        }

        if (!needsResolution)
        {
            return task;
        }

        var parameters = new TaskParameterSpec[task.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = task.Parameters[i];
            if (!parameter.IsGeneratedTasker)
            {
                parameters[i] = parameter;
            }
            else if (generated.TryGetValue(parameter.TypeName, out var qualified) && qualified is not null)
            {
                parameters[i] = parameter with { TypeName = qualified, IsGeneratedTasker = false };
            }
            else
            {
                return null;
            }
        }

        return task with { Parameters = new EquatableArray<TaskParameterSpec>(parameters) };
    }

    // Two classes with one domain name would both declare its registration class in one namespace: both are
    // dropped (DomainNameCollisions, shared with STK0107).
    private static ImmutableArray<DomainSpec> WithoutDomainCollisions(List<DomainSpec> domains)
    {
        var colliding = DomainNameCollisions.Find(domains.Select(domain => domain.Name));
        var builder = ImmutableArray.CreateBuilder<DomainSpec>(domains.Count);
        foreach (var domain in domains)
        {
            if (!colliding.Contains(domain.Name))
            {
                builder.Add(domain);
            }
        }

        return builder.ToImmutable();
    }
}
