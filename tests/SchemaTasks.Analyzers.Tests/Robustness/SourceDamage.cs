using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>One damaged version of a file: what was done, and the resulting text.</summary>
/// <param name="Description">The damage, for a failure message (kind, offsets, seed).</param>
/// <param name="Text">The damaged source.</param>
public sealed record DamagedSource(string Description, string Text);

/// <summary>
/// Damages C# source the ways an editor sees it: tokens deleted or doubled, lines cut, the file truncated mid-word
/// (code as it is being typed), stray characters, and attributes given arguments of the wrong type. Every damage
/// is drawn from a <see cref="Random"/> seeded by the caller, so a failing version can be replayed.
/// </summary>
public static class SourceDamage
{
    /// <summary>Attribute arguments of the wrong type (or shape) that a user can write and the compiler rejects.</summary>
    private static readonly (Regex Pattern, string Replacement)[] WrongArguments =
    [
        (new Regex("""SchemaTask\("[^"]*"""), "SchemaTask(42"),
        (new Regex("""ScheduledTask\("[^"]*"""), "ScheduledTask(null"),
        (new Regex("""SchemaTask\("[^"]*"\)"""), "SchemaTask()"),
        (new Regex("""ConcurrencyLimit = \d+"""), "ConcurrencyLimit = \"x\""),
        (new Regex("""ConcurrencyLimit = \d+"""), "ConcurrencyLimit = 1.5"),
        (new Regex("""Config = typeof\(\w+\)"""), "Config = 3"),
        (new Regex("""Config = typeof\(\w+\)"""), "Config = typeof(int[])"),
        (new Regex("""Config = typeof\(\w+\)"""), "Config = typeof(List<>)"),
        (new Regex("""Config = typeof\(\w+\)"""), "Config = null"),
        (new Regex("""TaskMachine\(Machine\.\w+\)"""), "TaskMachine(\"small-2x\")"),
        (new Regex("""TaskMachine\(Machine\.\w+\)"""), "TaskMachine((Machine)99)"),
        (new Regex("""TaskQueue\("[^"]*"""), "TaskQueue(7"),
        (new Regex("""OutOfMemoryMachine = Machine\.\w+"""), "OutOfMemoryMachine = 3"),
        (new Regex("""OutOfMemoryMachine = Machine\.\w+"""), "OutOfMemoryMachine = (Machine)(-1)"),
        (new Regex("""MaxAttempts = \d+"""), "MaxAttempts = \"three\""),
        (new Regex("""Factor = [\d.]+"""), "Factor = true"),
        (new Regex("""Randomize = true"""), "Randomize = 1"),
        (new Regex("""Cron = "[^"]*"""), "Cron = 5"),
        (new Regex("""TimeZone = "[^"]*"""), "TimeZone = Machine.Micro"),
        (new Regex("""\[TaskRetry\("""), "[TaskRetry(1, "),
        (new Regex("""\(ScheduledRun run"""), "(int run"),
        (new Regex("""CancellationToken cancellationToken\)"""), "CancellationToken cancellationToken, __arglist)"),
        (new Regex("""public sealed class (\w+)TaskService"""), "public sealed class $1TaskService<T>"),
        (new Regex("""public (async )?(Task|ValueTask) """), "public static $1$2 "),
        (new Regex("""\[HeavyDependency\]|\[TaskQueue"""), "[HeavyDependency(1)][TaskQueue"),
    ];

    private static readonly string[] StrayText =
        ["{", "}", "(", ")", "[", "]", "\"", "'", "@", "#if X", "#endregion", "/*", "<", ">", ";", ",", "=>", "?", "\\", "$\"{", "\"\"\"", "\u0000", "\uFFFF", "typeof(", "[SchemaTask(", "partial ", "record "];

    /// <summary>One damaged version of <paramref name="source"/>, drawn from <paramref name="random"/>.</summary>
    public static DamagedSource Damage(string source, Random random)
    {
        // One damage most of the time; sometimes two or three at once, as during a quick edit.
        var count = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        var text = source;
        var description = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var (what, damaged) = DamageOnce(text, random);
            text = damaged;
            description.Append(i == 0 ? "" : " + ").Append(what);
        }

        return new DamagedSource(description.ToString(), text);
    }

    private static (string What, string Text) DamageOnce(string text, Random random)
    {
        if (text.Length == 0)
        {
            return ("empty", text);
        }

        switch (random.Next(7))
        {
            case 0:
            {
                var token = RandomToken(text, random);
                return ($"delete token '{token.Text}' at {token.SpanStart}", text.Remove(token.SpanStart, token.Span.Length));
            }

            case 1:
            {
                var token = RandomToken(text, random);
                return ($"double token '{token.Text}' at {token.SpanStart}", text.Insert(token.Span.End, " " + token.Text));
            }

            case 2:
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                lines.RemoveAt(line);
                return ($"delete line {line + 1}", string.Join("\n", lines));
            }

            case 3:
            {
                var lines = text.Split('\n');
                var line = random.Next(lines.Length);
                var cut = random.Next(lines[line].Length + 1);
                lines[line] = lines[line].Substring(0, cut);
                return ($"cut line {line + 1} at column {cut + 1}", string.Join("\n", lines));
            }

            case 4:
            {
                var offset = random.Next(text.Length);
                return ($"truncate at {offset}", text.Substring(0, offset));
            }

            case 5:
            {
                var offset = random.Next(text.Length + 1);
                var stray = StrayText[random.Next(StrayText.Length)];
                return ($"insert '{stray}' at {offset}", text.Insert(offset, stray));
            }

            default:
            {
                var applicable = WrongArguments.Where(w => w.Pattern.IsMatch(text)).ToArray();
                if (applicable.Length == 0)
                {
                    return ("no attribute left to damage", text);
                }

                var (pattern, replacement) = applicable[random.Next(applicable.Length)];
                var matches = pattern.Matches(text);
                var match = matches[random.Next(matches.Count)];
                return ($"'{match.Value}' -> '{replacement}'",
                    text.Substring(0, match.Index) + match.Result(replacement) + text.Substring(match.Index + match.Length));
            }
        }
    }

    private static SyntaxToken RandomToken(string text, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        return tokens.Length == 0 ? default : tokens[random.Next(tokens.Length)];
    }
}
