using System;
using System.Text;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// A string builder with an indent level: the generated code is written line by line, as System.Text.Json's
/// generator does, rather than built with SyntaxFactory and normalized. Lines end with <c>\n</c> on every OS.
/// </summary>
/// <remarks>
/// The builder is borrowed from the thread and given back by <see cref="Finish"/>: a build emits hundreds of files,
/// and a new builder per file grew chunk by chunk to the file's size, half of the generator's allocations. A line
/// may be given in parts (<c>Line(a, b, c)</c>), appended one after the other, so that no concatenated copy of the
/// line is made first.
/// </remarks>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    // Big enough for a domain's largest file (<Domain>Tasks: about 2,000 characters per task), so that it does not
    // grow chunk by chunk; a builder that grew past MaxCachedCapacity is not kept.
    private const int InitialCapacity = 32 * 1024;
    private const int MaxCachedCapacity = 512 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    private StringBuilder? _builder;
    private int _indent;

    /// <summary>Starts an empty file, on the thread's builder when no other writer holds it.</summary>
    public SourceWriter()
    {
        _builder = t_cached ?? new StringBuilder(InitialCapacity);
        t_cached = null;
    }

    private StringBuilder Builder => _builder ?? throw new InvalidOperationException("The writer was finished.");

    /// <summary>Writes one line at the current indent; an empty line carries no indent.</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            WriteIndent().Append(text);
        }

        Builder.Append('\n');
        return this;
    }

    /// <summary>Writes one line of two parts at the current indent.</summary>
    public SourceWriter Line(string a, string b)
    {
        WriteIndent().Append(a).Append(b).Append('\n');
        return this;
    }

    /// <summary>Writes one line of three parts at the current indent.</summary>
    public SourceWriter Line(string a, string b, string c)
    {
        WriteIndent().Append(a).Append(b).Append(c).Append('\n');
        return this;
    }

    /// <summary>Writes one line of four parts at the current indent.</summary>
    public SourceWriter Line(string a, string b, string c, string d)
    {
        WriteIndent().Append(a).Append(b).Append(c).Append(d).Append('\n');
        return this;
    }

    /// <summary>Writes one line of any number of parts at the current indent.</summary>
    public SourceWriter Line(string a, string b, string c, string d, params string[] rest)
    {
        var builder = WriteIndent().Append(a).Append(b).Append(c).Append(d);
        foreach (var part in rest)
        {
            builder.Append(part);
        }

        builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter OpenBlock()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Outdents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        return suffix.Length == 0 ? Line("}") : Line("}", suffix);
    }

    /// <summary>Indents the following lines by one more level.</summary>
    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    /// <summary>Outdents the following lines by one level.</summary>
    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <summary>The text written, once: the builder goes back to the thread for the next file.</summary>
    public string Finish()
    {
        var builder = Builder;
        var text = builder.ToString();
        _builder = null;
        if (builder.Capacity <= MaxCachedCapacity)
        {
            builder.Clear();
            t_cached = builder;
        }

        return text;
    }

    private StringBuilder WriteIndent()
    {
        var builder = Builder;
        for (var i = 0; i < _indent; i++)
        {
            builder.Append(IndentUnit);
        }

        return builder;
    }
}
