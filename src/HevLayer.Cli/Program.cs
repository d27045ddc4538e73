using System;
using System.CommandLine;
using System.IO;

namespace HevLayer.Cli;

/// <summary>The <c>hevlayer</c> command: <c>check</c>, <c>import</c>, <c>schema</c>, <c>diff</c> and <c>watch</c>.</summary>
public static class Program
{
    /// <summary>Exit code: nothing at error level.</summary>
    public const int Clean = 0;

    /// <summary>Exit code: at least one finding at error level.</summary>
    public const int Findings = 1;

    /// <summary>Exit code: a usage problem, or input or output that could not be read or written.</summary>
    public const int UsageOrIo = 2;

    /// <summary>The entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error);

    /// <summary>Runs the command line with the given standard streams (tests call this in process).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("The HevLayer.Generators tool for Layer Pipelines and Functions: check hand-written manifests against InfraRules/default with the analyzers' rules, import them as attributed C# classes, diff the build's manifests against the cluster, and watch a project to write its manifests on every save.")
        {
            CheckCommand.Create(stdin, stdout, stderr),
            ImportCommand.Create(stdin, stdout, stderr),
            SchemaCommand.Create(stdout),
            DiffCommand.Create(stdout, stderr),
            Watch.WatchCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine("hevlayer: " + error.Message);
            }

            stderr.WriteLine("Run 'hevlayer --help' (or 'hevlayer <command> --help') for usage.");
            return UsageOrIo;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("hevlayer: " + e.Message);
            return UsageOrIo;
        }
        catch (Exception e)
        {
            // Never a stack trace: say what failed, as the analyzers' HEVL900 does.
            stderr.WriteLine($"hevlayer: error HEVL900: HevLayer could not finish ({e.GetType().Name}: {e.Message}); please report this");
            return UsageOrIo;
        }
    }
}
