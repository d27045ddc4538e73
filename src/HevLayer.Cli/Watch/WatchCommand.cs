using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace HevLayer.Cli.Watch;

/// <summary><c>hevlayer watch</c>: the inner loop, a save written to the manifests folder without a build.</summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var project = new Option<string?>("--project") { Description = "The project file, or a folder holding one (default: the current folder)." };
        var framework = new Option<string?>("--framework", "-f") { Description = "The target framework of a multi-targeting project (default: its first)." };
        var configuration = new Option<string?>("--configuration", "-c") { Description = "The configuration (default: the project's, usually Debug); it decides the manifests folder as in dotnet build." };
        var timings = new Option<bool>("--timings") { Description = "After each pass, print where its time went, step by step." };
        var command = new Command("watch", "Keep the project's compilation and generators warm and, on every save, write the changed manifests into the folder dotnet build writes (same files, same folder rules), after checking the change with the compiler and the HEVL analyzers: nothing is written while the build would fail. A change to the project file, its imports, .editorconfig or the set of source files loads the project again through MSBuild; an InfraRules change checks every workload. Ctrl+C stops it.")
        {
            project, framework, configuration, timings,
        };

        command.SetAction(parsed =>
        {
            using var stop = new CancellationTokenSource();
            void Cancel(PosixSignalContext context)
            {
                // Finish the file being written (each write is a rename of a complete file), then stop.
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
            ProjectInputs inputs;
            try
            {
                var file = ProjectInputs.FindProjectFile(parsed.GetValue(project));
                stdout.WriteLine($"Loading {file} through MSBuild ...");
                inputs = ProjectInputs.Load(file, parsed.GetValue(framework), parsed.GetValue(configuration));
                SdkRoslyn.Use(inputs.RoslynDirectory);
            }
            catch (ProjectLoadException e)
            {
                stderr.WriteLine("hevlayer: " + e.Message);
                return Program.UsageOrIo;
            }

            return WatchLoop.Run(inputs, parsed.GetValue(framework), parsed.GetValue(configuration), parsed.GetValue(timings), stdout, stderr, stop.Token);
        });

        return command;
    }
}
