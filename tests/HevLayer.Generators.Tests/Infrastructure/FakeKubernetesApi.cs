using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A local HTTP listener on 127.0.0.1 that answers the Kubernetes API path of InfraRules/default with a
/// recorded response, and a kubeconfig pointing at it with a bearer token the tests look for in output.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    public const string Token = "hevlayer-test-token-5f0c2a9e";
    public const string Context = "fake-context";
    public const string InfraRulesPath = "/apis/hevlayer.com/v1alpha1/infrarules/default";

    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeKubernetesApi(string directory)
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
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
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        Requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["Authorization"]}");
        if (Hang)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(2), stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            return;
        }

        var path = context.Request.Url.AbsolutePath;
        var (status, body) = path == InfraRulesPath ? (Status, Body)
            : Routes.TryGetValue(path, out var route) ? route
            : (404, "{\"kind\":\"Status\",\"code\":404}");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
