using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// The tasks of one class as the generator sees them: only those it parses (the same shared shape, payload, id
/// and config rules it applies, each reported by its own rule when broken), then split by
/// <see cref="TaskNameCollisions"/> into the tasks it emits and those it drops. A method carrying both task
/// attributes is, as in the generator, one task per attribute.
/// </summary>
internal sealed class GeneratedTasks
{
    private GeneratedTasks(string domain, ImmutableArray<(IMethodSymbol Method, bool IsTriggered)> tasks)
    {
        Domain = domain;
        Tasks = tasks;
        Collisions = new TaskNameCollisions(domain, tasks.Select(task => (task.Method.Name, task.IsTriggered)).ToArray());
    }

    /// <summary>The class's domain.</summary>
    public string Domain { get; }

    /// <summary>The tasks the generator parses, in source order (a triggered task before a scheduled one of one method).</summary>
    public ImmutableArray<(IMethodSymbol Method, bool IsTriggered)> Tasks { get; }

    /// <summary>The generated names of <see cref="Tasks"/> (same indexes) and which of them collide.</summary>
    public TaskNameCollisions Collisions { get; }

    /// <summary>Whether the generator emits at least one task of the class, hence a domain.</summary>
    public bool HasEmittedTask
    {
        get
        {
            for (var i = 0; i < Tasks.Length; i++)
            {
                if (!Collisions.Collides(i))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The tasks of <paramref name="type"/>, or null when the generator parses none of its methods.</summary>
    public static GeneratedTasks? Read(INamedTypeSymbol type, KnownTypes types, CancellationToken cancellationToken)
    {
        // As the generator's parser: a type it cannot name yields no domain. A type none of whose methods writes an
        // attribute declares no task: answered from its syntax, without binding its members.
        if (type.IsImplicitlyDeclared || !SyntaxFacts.IsValidIdentifier(type.Name) || AttributeSyntaxGate.HasNoAttributedMethods(type))
        {
            return null;
        }

        // Read once per compilation however many rules ask (STK0001's collisions, STK0107's domain collisions).
        // Looked up first: GetOrAdd's factory would allocate its closure at every call, cached or not.
        return types.GeneratedTasksOf.TryGetValue(type, out var tasks)
            ? tasks
            : types.GeneratedTasksOf.GetOrAdd(type, ReadUncached(type, types, cancellationToken));
    }

    private static GeneratedTasks? ReadUncached(INamedTypeSymbol type, KnownTypes types, CancellationToken cancellationToken)
    {
        var tasks = new List<(IMethodSymbol Method, bool IsTriggered)>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            if (IsParsed(method, types.SchemaTaskAttribute, isScheduled: false))
            {
                tasks.Add((method, true));
            }

            if (IsParsed(method, types.ScheduledTaskAttribute, isScheduled: true))
            {
                tasks.Add((method, false));
            }
        }

        if (tasks.Count == 0)
        {
            return null;
        }

        var ordered = tasks
            .Select((task, index) => (Task: task, Index: index))
            .OrderBy(entry => entry.Task.Method.Locations.FirstOrDefault(), SourceOrder.Instance)
            .ThenBy(entry => entry.Index)
            .Select(entry => entry.Task)
            .ToImmutableArray();
        return new GeneratedTasks(TaskNaming.GetDomainName(type.Name), ordered);
    }

    // TaskParser.Parse, on symbols: one attribute of the kind, in source, that EmittedTaskRules accepts.
    private static bool IsParsed(IMethodSymbol method, INamedTypeSymbol attributeType, bool isScheduled)
    {
        if (AttributeSyntaxGate.HasNoAttributes(method))
        {
            return false;
        }

        AttributeData? attribute = null;
        foreach (var candidate in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, attributeType))
            {
                if (attribute is not null)
                {
                    return false;
                }

                attribute = candidate;
            }
        }

        return attribute is not null
            && method.DeclaringSyntaxReferences.Length > 0
            && EmittedTaskRules.TryRead(method, attribute, isScheduled, out _, out _);
    }
}
