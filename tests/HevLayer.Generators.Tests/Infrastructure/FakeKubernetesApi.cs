using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A local HTTP server on 127.0.0.1 that answers the Kubernetes API path of InfraRules/default with a
/// recorded response, and a kubeconfig pointing at it with a bearer token the tests look for in output.
/// It listens on a port the system picks (port 0) and keeps that socket from the start, so no other
/// process can take the port between choosing it and serving on it. It speaks just enough HTTP/1.1 for
/// GET requests: one answer per connection, closed after it.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    public const string Token = "hevlayer-test-token-5f0c2a9e";
    public const string Context = "fake-context";
    public const string InfraRulesPath = "/apis/hevlayer.com/v1alpha1/infrarules/default";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeKubernetesApi(string directory)
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        KubeconfigPath = Path.Combine(directory, "kubeconfig.yaml");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: http://127.0.0.1:{Port}
            contexts:
              - name: {Context}
                context:
                  cluster: fake
                  user: fake-user
              - name: other-context
                context:
                  cluster: fake
                  user: fake-user
            current-context: other-context
            users:
              - name: fake-user
                user:
                  token: {Token}
            """);
        loop = Task.Run(Serve);
    }

    public int Port { get; }

    public string KubeconfigPath { get; }

    /// <summary>The status code to answer with.</summary>
    public int Status { get; set; } = 200;

    /// <summary>The body to answer with.</summary>
    public string Body { get; set; } = "{}";

    /// <summary>When true, the request is accepted and never answered.</summary>
    public bool Hang { get; set; }

    /// <summary>Answers for other paths (without the query), as status and body; a path in neither answers 404.</summary>
    public ConcurrentDictionary<string, (int Status, string Body)> Routes { get; } = new();

    /// <summary>Requests seen, as "METHOD path auth-header".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }

        listener.Dispose();
    }

    private async Task Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => Answer(client));
        }
    }

    private async Task Answer(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadHead(stream).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var (method, target, headers) = request.Value;
                headers.TryGetValue("Authorization", out var authorization);
                var path = target.Split('?')[0];
                Requests.Enqueue($"{method} {path} {authorization}");
                if (Hang)
                {
                    await Task.Delay(TimeSpan.FromMinutes(2), stop.Token).ConfigureAwait(false);
                    return;
                }

                var (status, body) = path == InfraRulesPath ? (Status, Body)
                    : Routes.TryGetValue(path, out var route) ? route
                    : (404, "{\"kind\":\"Status\",\"code\":404}");
                var bytes = Encoding.UTF8.GetBytes(body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(bytes, stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    /// <summary>The request line and headers, up to the empty line; null when the connection closes first.</summary>
    private static async Task<(string Method, string Target, Dictionary<string, string> Headers)?> ReadHead(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer).ConfigureAwait(false) == 0 || head.Length > 64 * 1024)
            {
                return null;
            }

            head.Append((char)buffer[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return (parts[0], parts[1], headers);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
