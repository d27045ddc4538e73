using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HevLayer.Policy.InfraRules;

using HevLayer.Policy.Yaml;

namespace HevLayer.Cli;

/// <summary>A YAML text to read, and the name findings give it.</summary>
/// <param name="Path">As printed: relative to the working folder when inside it, with '/' separators; <c>&lt;stdin&gt;</c> for standard input.</param>
/// <param name="Text">The text, decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD, which the readers report).</param>
internal sealed record InputText(string Path, string Text);

/// <summary>Collects the inputs of a command: files, folders (recursively, <c>*.yaml</c> and <c>*.yml</c>) and <c>-</c> for standard input.</summary>
internal static class Inputs
{
    /// <summary>The name standard input gets in findings.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>
    /// Files larger than this are not read at all: the readers refuse anything over
    /// <see cref="YamlLimits.MaxCharacters"/> characters, and UTF-8 needs at most 4 bytes per character.
    /// </summary>
    private const long MaxBytes = 4L * YamlLimits.MaxCharacters;

    /// <summary>Reads every input; throws <see cref="IOException"/> with a plain message for one that cannot be read.</summary>
    public static List<InputText> Read(IEnumerable<string> paths, TextReader stdin)
    {
        var result = new List<InputText>();
        var stdinRead = false;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                if (!stdinRead)
                {
                    result.Add(new InputText(StdinName, ReadBounded(stdin)));
                    stdinRead = true;
                }

                continue;
            }

            if (Directory.Exists(path))
            {
                foreach (var file in YamlFiles(path))
                {
                    result.Add(ReadFile(file));
                }
            }
            else if (File.Exists(path))
            {
                result.Add(ReadFile(path));
            }
            else
            {
                throw new IOException($"'{path}' does not exist (give files, folders, or - for standard input)");
            }
        }

        return result;
    }

    /// <summary>The YAML files under <paramref name="folder"/>, in ordinal order of their path; folders starting with '.' (.git) and linked folders are skipped.</summary>
    public static IEnumerable<string> YamlFiles(string folder)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current))
            {
                var extension = System.IO.Path.GetExtension(file);
                if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    files.Add(file);
                }
            }

            foreach (var child in Directory.EnumerateDirectories(current))
            {
                // Symbolic links to folders are not followed: a link back up the tree would never end.
                if (!System.IO.Path.GetFileName(child).StartsWith(".", StringComparison.Ordinal)
                    && (File.GetAttributes(child) & FileAttributes.ReparsePoint) == 0)
                {
                    pending.Push(child);
                }
            }
        }

        return files.OrderBy(Display, StringComparer.Ordinal);
    }

    /// <summary>How a path is printed: relative to the working folder when inside it, with '/' separators.</summary>
    public static string Display(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }

    /// <summary>Reads a file as the compiler does: UTF-8, a byte order mark dropped, invalid bytes as U+FFFD.</summary>
    public static InputText ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            // Over every limit: hand the reader a text that is too long, without reading the file.
            return new InputText(Display(path), new string(' ', YamlLimits.MaxCharacters + 1));
        }

        var bytes = File.ReadAllBytes(path);
        return new InputText(Display(path), Decode(bytes));
    }

    /// <summary>UTF-8 with replacement characters, and no byte order mark.</summary>
    public static string Decode(byte[] bytes)
    {
        var text = new UTF8Encoding(false, false).GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private static string ReadBounded(TextReader reader)
    {
        var buffer = new char[64 * 1024];
        var text = new StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > YamlLimits.MaxCharacters)
            {
                // The reader reports the limit; the rest of the stream is not needed to say so.
                break;
            }
        }

        var result = text.ToString();
        return result.Length > 0 && result[0] == '\uFEFF' ? result.Substring(1) : result;
    }
}
