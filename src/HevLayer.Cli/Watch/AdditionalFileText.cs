using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Cli.Watch;

/// <summary>An AdditionalFile as the compiler reads it: once, when asked.</summary>
internal sealed class AdditionalFileText : AdditionalText
{
    private SourceText? text;
    private bool read;

    public AdditionalFileText(string path) => Path = path;

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        if (!read)
        {
            try
            {
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                text = SourceText.From(stream);
            }
            catch (IOException)
            {
                // A missing AdditionalFile: the analyzers see no text, as in the build.
                text = null;
            }

            read = true;
        }

        return text;
    }
}
