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

        var validators = context.SyntaxProvider
            .CreateSyntaxProvider(ValidatorParser.IsCandidate, ValidatorParser.Parse)
            .Where(static validator => validator is not null)
            .Select(static (validator, _) => validator!)
            .WithTrackingName(TrackingNames.Validators)
            .Collect()
            .Select(static (all, _) => SortDistinct(all))
            .WithTrackingName(TrackingNames.AllValidators);

        var sources = domains
            .Combine(validators)
            .Select(static (pair, _) => pair.Left with { Validators = ValidatorsOf(pair.Left, pair.Right) })
            .WithTrackingName(TrackingNames.DomainSources);

        context.RegisterSourceOutput(sources, DomainEmitter.Emit);
    }

    // Partial classes yield one validator per declaration with a base list; the registration lists each once.
    private static EquatableArray<ValidatorSpec> SortDistinct(System.Collections.Immutable.ImmutableArray<ValidatorSpec> all)
    {
        var set = new SortedSet<ValidatorSpec>(all);
        return EquatableArray.From(set);
    }

    // The validators of the domain's payloads: those found next to each payload and those found by name in the
    // compilation (one validator may be both), sorted, each once.
    private static EquatableArray<ValidatorSpec> ValidatorsOf(DomainSpec domain, EquatableArray<ValidatorSpec> validators)
    {
        var payloads = new HashSet<string>(StringComparer.Ordinal);
        var matched = new SortedSet<ValidatorSpec>();
        foreach (var task in domain.Tasks)
        {
            if (task.Kind == TaskKind.Triggered)
            {
                payloads.Add(task.PayloadTypeName);
                matched.UnionWith(task.PayloadValidators);
            }
        }

        foreach (var validator in validators)
        {
            if (payloads.Contains(validator.PayloadTypeName))
            {
                matched.Add(validator);
            }
        }

        return EquatableArray.From(matched);
    }
}
