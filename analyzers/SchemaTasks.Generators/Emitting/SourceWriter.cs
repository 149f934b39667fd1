using System.Text;

namespace SchemaTasks.Generators.Emitting;

/// <summary>
/// A string builder with an indent level: the generated code is written line by line, as System.Text.Json's
/// generator does, rather than built with SyntaxFactory and normalized. Lines end with <c>\n</c> on every OS.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indent; an empty line carries no indent.</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
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
        return Line("}" + suffix);
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

    /// <inheritdoc />
    public override string ToString() => _builder.ToString();
}
