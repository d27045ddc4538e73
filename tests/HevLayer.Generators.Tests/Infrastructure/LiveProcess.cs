using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A long-running command (such as <c>hevlayer watch</c>) whose output lines a test waits for, and which it
/// stops with a signal: SIGTERM, or SIGINT as a terminal's Ctrl+C sends.
/// </summary>
internal sealed class LiveProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = new();

    public LiveProcess(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        process = Process.Start(ProcessRunner.StartInfo(fileName, arguments, workingDirectory, environment))!;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join("\n", lines);
            }
        }
    }

    /// <summary>The number of lines printed so far: pass it to <see cref="WaitFor"/> to wait for a line printed after now.</summary>
    public int Mark()
    {
        lock (lines)
        {
            return lines.Count;
        }
    }

    /// <summary>Waits for a line from index <paramref name="from"/> on that matches; returns the lines printed from there up to and including it.</summary>
    public IReadOnlyList<string> WaitFor(Func<string, bool> match, int from = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        lock (lines)
        {
            while (true)
            {
                var at = lines.FindIndex(from, l => match(l));
                if (at >= 0)
                {
                    return lines.GetRange(from, at - from + 1);
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || (process.HasExited && !Monitor.Wait(lines, 200)))
                {
                    throw new TimeoutException($"No such line from line {from} on; the process printed:\n{string.Join("\n", lines)}");
                }

                Monitor.Wait(lines, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Sends SIGTERM (what a service manager or <c>kill</c> sends) and waits for the exit code.</summary>
    public int Terminate(TimeSpan timeout) => Stop("TERM", timeout);

    /// <summary>
    /// Sends SIGINT (a terminal's Ctrl+C) and waits for the exit code. Only meaningful when the process catches
    /// SIGINT (see <see cref="Catches"/>): one started from a background job of a non-interactive shell inherits
    /// SIGINT as ignored, and keeps it ignored across exec.
    /// </summary>
    public int Interrupt(TimeSpan timeout) => Stop("INT", timeout);

    /// <summary>True when the process has a handler of its own for signal number <paramref name="signal"/> (its SigCgt mask in /proc, Linux).</summary>
    public bool Catches(int signal)
    {
        var line = File.ReadAllLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").Single(l => l.StartsWith("SigCgt:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigCgt:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    private int Stop(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", new[] { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(timeout))
        {
            throw new TimeoutException($"The process did not stop on SIG{signal}:\n" + Output);
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
            Monitor.PulseAll(lines);
        }
    }
}
