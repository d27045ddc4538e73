using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A minimal Language Server Protocol client over a server's standard streams, as an editor drives one:
/// Content-Length framed JSON-RPC, requests with ids, notifications, and answers to the server's own
/// requests (configuration, capability registration, progress). Published diagnostics are recorded with
/// the time they arrived, so a test can measure the latency from an edit to a diagnostic.
/// </summary>
internal sealed class LspClient : IDisposable
{
    private readonly Process process;
    private readonly Stream input;
    private readonly Thread reader;
    private readonly ConcurrentDictionary<int, JsonNode?> responses = new();
    private readonly List<(string Uri, int? Version, JsonArray Diagnostics, long At)> published = new();
    private readonly StringBuilder log = new();
    private readonly Func<JsonNode?, JsonNode?> configuration;
    private int nextId;

    public LspClient(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, Func<JsonNode?, JsonNode?> configuration)
    {
        this.configuration = configuration;
        // Started as every test starts a command (the test host's MSBuild wiring removed: the server loads
        // projects with MSBuild itself), with standard input for the protocol.
        var start = ProcessRunner.StartInfo(fileName, arguments, workingDirectory, environment);
        start.RedirectStandardInput = true;
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.Append("stderr: ").AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        input = process.StandardInput.BaseStream;
        reader = new Thread(Read) { IsBackground = true };
        reader.Start();
    }

    /// <summary>What the server wrote to standard error and the messages it sent, for failure reports.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static long Now => Stopwatch.GetTimestamp();

    public JsonNode? Request(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref nextId);
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (responses.TryRemove(id, out var result))
            {
                return result;
            }

            Thread.Sleep(10);
        }

        throw new TimeoutException($"No answer to {method} within {timeout.TotalSeconds} s.\n{Log}");
    }

    public void Notify(string method, JsonNode? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>
    /// Waits for a publication for <paramref name="uri"/> after <paramref name="since"/> whose diagnostics
    /// satisfy <paramref name="accept"/>; returns them and when they arrived.
    /// </summary>
    public (JsonArray Diagnostics, long At) WaitForDiagnostics(string uri, long since, Func<JsonArray, bool> accept, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (published)
            {
                for (var i = published.Count - 1; i >= 0; i--)
                {
                    var (u, _, diagnostics, at) = published[i];
                    if (at >= since && u == uri && accept(diagnostics))
                    {
                        return (diagnostics, at);
                    }
                }
            }

            Thread.Sleep(10);
        }

        string last;
        lock (published)
        {
            last = published.FindLast(p => p.Uri == uri).Diagnostics?.ToJsonString() ?? "(none)";
        }

        throw new TimeoutException($"No matching diagnostics for {uri} within {timeout.TotalSeconds} s; last published: {last}\n{Log}");
    }

    /// <summary>
    /// Waits for the diagnostics of one edit: a publication for <paramref name="uri"/> after <paramref name="since"/>
    /// that satisfies <paramref name="accept"/> and names the edit's <paramref name="version"/>; or, from a server
    /// that names no version, one that stays unanswered for <paramref name="quiet"/>, with every publication in
    /// that time satisfying <paramref name="accept"/> too (an interim publication, such as an empty one while
    /// the edit is analysed, is not the edit's answer). Returns the diagnostics, when they arrived, and whether a
    /// version said they were the edit's.
    /// </summary>
    public (JsonArray Diagnostics, long At, bool Versioned) WaitForDiagnosticsOf(string uri, int version, long since, Func<JsonArray, bool> accept, TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var quietTicks = (long)(quiet.TotalSeconds * Stopwatch.Frequency);
        while (deadline.Elapsed < timeout)
        {
            lock (published)
            {
                var after = published.FindAll(p => p.Uri == uri && p.At >= since);
                if (after.Find(p => p.Version == version && accept(p.Diagnostics)) is { Diagnostics: not null } named)
                {
                    return (named.Diagnostics, named.At, true);
                }

                // Unversioned: the first accepted publication after which nothing unaccepted arrived, once quiet has passed.
                for (var i = 0; i < after.Count; i++)
                {
                    if (after[i].Version is null && accept(after[i].Diagnostics) && Now - after[i].At >= quietTicks && after.Skip(i + 1).All(p => accept(p.Diagnostics)))
                    {
                        return (after[i].Diagnostics, after[i].At, false);
                    }
                }
            }

            Thread.Sleep(10);
        }

        string last;
        lock (published)
        {
            last = published.FindLast(p => p.Uri == uri).Diagnostics?.ToJsonString() ?? "(none)";
        }

        throw new TimeoutException($"No settled diagnostics of version {version} for {uri} within {timeout.TotalSeconds} s; last published: {last}\n{Log}");
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                Request("shutdown", null, TimeSpan.FromSeconds(10));
                Notify("exit", null);
                process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            // The server is going away either way.
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private void Send(JsonNode message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (input)
        {
            input.Write(header);
            input.Write(body);
            input.Flush();
        }
    }

    private void Read()
    {
        var stream = process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var length = -1;
                string? line;
                while ((line = ReadLine(stream)) is not null && line.Length > 0)
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (line is null || length < 0)
                {
                    return;
                }

                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = stream.Read(body, read, length - read);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                Handle(JsonNode.Parse(body)!);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException)
        {
            lock (log)
            {
                log.AppendLine("reader stopped: " + e.Message);
            }
        }
    }

    private void Handle(JsonNode message)
    {
        var method = message["method"]?.GetValue<string>();
        var id = message["id"];
        if (method is null && id is not null)
        {
            responses[id.GetValue<int>()] = (message["result"] ?? message["error"])?.DeepClone();
            return;
        }

        if (method == "textDocument/publishDiagnostics")
        {
            var parameters = message["params"]!;
            lock (published)
            {
                var version = parameters["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
                published.Add((parameters["uri"]!.GetValue<string>(), version, (JsonArray)parameters["diagnostics"]!.DeepClone(), Now));
            }

            return;
        }

        if (method is "window/logMessage" or "window/showMessage")
        {
            lock (log)
            {
                log.Append(method).Append(": ").AppendLine(message["params"]?["message"]?.GetValue<string>());
            }
        }

        if (id is not null)
        {
            // A request from the server: configuration gets the test's settings; everything else a null result.
            JsonNode? result = method == "workspace/configuration" ? configuration(message["params"]) : null;
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }
}
