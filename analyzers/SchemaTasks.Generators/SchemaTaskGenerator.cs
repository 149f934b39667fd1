using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators.Emitting;
using SchemaTasks.Generators.Model;
using SchemaTasks.Generators.Parsing;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators;

/// <summary>
/// Writes the tasker pattern for every class that declares <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> methods:
/// <c>&lt;Domain&gt;Tasks</c>, <c>I&lt;Domain&gt;Tasker</c>, <c>&lt;Domain&gt;Tasker</c>, <c>&lt;Domain&gt;TriggerTasker</c>,
/// <c>&lt;Domain&gt;SyncTasker</c> and <c>Add&lt;Domain&gt;Tasker</c>. It reports no diagnostics: an invalid task is
/// not generated (the SchemaTasks analyzers say why), but its tasker method is kept, throwing, so that the calls to
/// it compile and the analyzers' error is the only one.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaTaskGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemaTasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.SchemaTaskAttribute,
                TaskParser.IsCandidate,
                static (ctx, ct) => TaskParser.ParseTriggered(ctx, ct))
            .Where(static task => task is not null)
            .Select(static (task, _) => task!)
            .WithTrackingName(TrackingNames.SchemaTasks);

        var scheduledTasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.ScheduledTaskAttribute,
                TaskParser.IsCandidate,
                static (ctx, ct) => TaskParser.Parse(ctx, TaskKind.Scheduled, ct))
            .Where(static task => task is not null)
            .Select(static (task, _) => task!)
            .WithTrackingName(TrackingNames.ScheduledTasks);

        var domains = schemaTasks.Collect()
            .Combine(scheduledTasks.Collect())
            .WithTrackingName(TrackingNames.AllTasks)
            .SelectMany(static (tasks, ct) => DomainGrouper.Group(tasks.Left, tasks.Right, ct))
            .WithTrackingName(TrackingNames.Domains);

        // The validators are read per task (ValidatorIndex), not by a provider of their own: a provider's semantic
        // transform would bind every validator class of a project on every edit, even in a project with no task.
        var sources = domains
            .Select(static (domain, _) => domain with { Validators = ValidatorsOf(domain) })
            .WithTrackingName(TrackingNames.DomainSources);

        context.RegisterSourceOutput(sources, DomainEmitter.Emit);
    }

    // The validators of the domain's payloads, each found by its task (a payload may have several tasks), sorted,
    // each once.
    private static EquatableArray<ValidatorSpec> ValidatorsOf(DomainSpec domain)
    {
        var matched = new SortedSet<ValidatorSpec>();
        foreach (var task in domain.Tasks)
        {
            matched.UnionWith(task.PayloadValidators);
        }

        return EquatableArray.From(matched);
    }
}
