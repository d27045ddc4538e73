using System.Text;

namespace HevLayer.Generators.Emit;

/// <summary>A small indented text writer for generated C#. Always <c>\n</c> line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder builder = new();
    private int depth;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            builder.Append(' ', depth * 4).Append(text);
        }

        builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        depth++;
        return this;
    }

    public SourceWriter Outdent()
    {
        depth--;
        return this;
    }

    public override string ToString() => builder.ToString();
}
