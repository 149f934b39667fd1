using System.Globalization;
using System.Text;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>What the declarations of a synthetic project are.</summary>
public enum DeclarationKind
{
    /// <summary><c>[SchemaTask]</c> methods: a payload record, its validator, the method; one shared config type per domain.</summary>
    Tasks,

    /// <summary><c>[LoggerMessage]</c> methods, one per payload record, in a static partial class per domain.</summary>
    LoggerMessages,

    /// <summary>The same records, validators and classes with plain methods: nothing for either generator.</summary>
    Plain,
}

/// <summary>
/// The sources of a synthetic project of N declarations, written in code (no checked-in copy): domains of
/// <see cref="DeclarationsPerDomain"/> declarations, one file and one namespace per domain, as a real project
/// splits its tasks. Every file also holds a small helper method whose body is where the "keystroke" edits.
/// </summary>
internal static class SyntheticProject
{
    /// <summary>How many declarations share a domain (a task service, a log class, a config type).</summary>
    public const int DeclarationsPerDomain = 10;

    /// <summary>The text of the helper method's body that the keystroke edit changes.</summary>
    public const string EditAnchor = "return 1;";

    /// <summary>The same text after the edit: one more character typed inside the method body.</summary>
    public const string EditedAnchor = "return 12;";

    /// <summary>The files of a project of <paramref name="declarations"/> declarations of <paramref name="kind"/>.</summary>
    /// <param name="kind">What each declaration is.</param>
    /// <param name="declarations">How many, a multiple of <see cref="DeclarationsPerDomain"/>.</param>
    public static IReadOnlyList<(string Path, string Source)> Files(DeclarationKind kind, int declarations)
    {
        if (declarations <= 0 || declarations % DeclarationsPerDomain != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(declarations), declarations, $"A positive multiple of {DeclarationsPerDomain}.");
        }

        var files = new List<(string, string)>(declarations / DeclarationsPerDomain);
        for (var domain = 0; domain < declarations / DeclarationsPerDomain; domain++)
        {
            var name = "D" + domain.ToString("D4", CultureInfo.InvariantCulture);
            files.Add(($"{name}/{name}.cs", Domain(kind, name)));
        }

        return files;
    }

    private static string Domain(DeclarationKind kind, string name)
    {
        var text = new StringBuilder(4096)
            .Append("using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing FluentValidation;\n")
            .Append("using Microsoft.Extensions.Logging;\nusing SchemaTasks;\n\n")
            .Append("namespace Synthetic.").Append(name).Append(";\n\n");

        if (kind == DeclarationKind.Tasks)
        {
            text.Append("[TaskQueue(\"").Append(name.ToLowerInvariant()).Append("\", ConcurrencyLimit = 10)]\n")
                .Append("[TaskMachine(Machine.Small2x)]\n")
                .Append("[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]\n");
        }

        text.Append("public static class ").Append(name).Append("TaskConfig\n{\n    internal static int Helper()\n    {\n        ")
            .Append(EditAnchor).Append("\n    }\n}\n\n");

        for (var i = 0; i < DeclarationsPerDomain; i++)
        {
            var work = Work(i);
            text.Append("public sealed record ").Append(work).Append("Payload(int Id, string Name);\n\n")
                .Append("public sealed class ").Append(work).Append("PayloadValidator : AbstractValidator<").Append(work).Append("Payload>\n{\n")
                .Append("    public ").Append(work).Append("PayloadValidator()\n    {\n")
                .Append("        RuleFor(p => p.Id).GreaterThan(0);\n        RuleFor(p => p.Name).NotEmpty();\n    }\n}\n\n");
        }

        if (kind == DeclarationKind.LoggerMessages)
        {
            text.Append("public static partial class ").Append(name).Append("Log\n{\n");
            for (var i = 0; i < DeclarationsPerDomain; i++)
            {
                var work = Work(i);
                text.Append("    [LoggerMessage(EventId = ").Append(i).Append(", Level = LogLevel.Information, Message = \"")
                    .Append(work).Append(" ran for {Id} ({Name})\")]\n")
                    .Append("    public static partial void ").Append(work).Append("Ran(ILogger logger, int id, string name);\n\n");
            }

            return text.Append("}\n").ToString();
        }

        text.Append("public sealed class ").Append(name).Append("TaskService\n{\n");
        for (var i = 0; i < DeclarationsPerDomain; i++)
        {
            var work = Work(i);
            if (kind == DeclarationKind.Tasks)
            {
                text.Append("    [SchemaTask(\"").Append(name.ToLowerInvariant()).Append(".work-").Append(i)
                    .Append("\", Config = typeof(").Append(name).Append("TaskConfig))]\n");
            }

            text.Append("    public Task ").Append(work).Append("Async(").Append(work).Append("Payload payload, CancellationToken cancellationToken)\n    {\n")
                .Append("        cancellationToken.ThrowIfCancellationRequested();\n")
                .Append("        return payload.Id > 0 ? Task.CompletedTask : Task.FromException(new ArgumentException(payload.Name));\n    }\n\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string Work(int index) => "Work" + index.ToString("D2", CultureInfo.InvariantCulture);
}
