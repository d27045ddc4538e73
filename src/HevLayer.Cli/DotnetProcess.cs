using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace HevLayer.Cli;

/// <summary>Runs the <c>dotnet</c> command (the SDK the user's project builds with) and collects its output.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/>; standard output, then standard error.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        RemoveHostMSBuild(start);

        // Telemetry and the first-run banner would otherwise land in the JSON that -getProperty prints.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>
    /// Removes the MSBuild wiring inherited from a process that MSBuild or the dotnet CLI started (an Exec task, a
    /// test host): <c>MSBuildSDKsPath</c>, <c>MSBuildExtensionsPath</c>, <c>MSBUILD_EXE_PATH</c> and the rest of
    /// <c>MSBUILD*</c>. They name that host's SDK, so a child <c>dotnet build</c> that kept them would build with it
    /// rather than with the SDK the project's global.json picks, or fail to find one.
    /// </summary>
    internal static void RemoveHostMSBuild(ProcessStartInfo start)
    {
        foreach (var key in new List<string>(start.Environment.Keys))
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }
    }
}
