using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A real OCI registry on 127.0.0.1 for the image tests: the CNCF distribution registry (Debian's
/// <c>docker-registry</c>) on a free port with a temporary storage folder, and <c>umoci</c> and <c>skopeo</c> to
/// build and push a base image into it. The three come from Debian packages; <c>.ci/run</c> installs them when
/// they are missing, and a test that cannot find one fails saying so (never a silent skip).
/// </summary>
internal sealed class LocalRegistry : IDisposable
{
    /// <summary>The Debian packages the image tests need, and the program each puts on PATH.</summary>
    public static readonly (string Package, string Program)[] Tools =
    {
        ("docker-registry", "docker-registry"),
        ("umoci", "umoci"),
        ("skopeo", "skopeo"),
    };

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private readonly LiveProcess server;

    public LocalRegistry()
    {
        var missing = Tools.Where(t => Which(t.Program) is null).Select(t => t.Package).ToList();
        Assert.True(
            missing.Count == 0,
            $"The image end-to-end test needs {string.Join(", ", missing)} on PATH (Debian packages). Install them with `apt-get install -y docker-registry umoci skopeo`; .ci/run does this when they are missing.");

        Root = Path.Combine(Path.GetTempPath(), "hevlayer-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Port = FreePort();
        var config = Path.Combine(Root, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(Root, "storage")}
            http:
              addr: 127.0.0.1:{Port}
            """);
        server = new LiveProcess(Which("docker-registry")!, new[] { "serve", config }, Root, new Dictionary<string, string?>());
        WaitUntilServing();
    }

    /// <summary>The registry's host and port, as an image reference names it.</summary>
    public string Host => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Port { get; }

    public string Root { get; }

    /// <summary>A port nothing listens on, for a publish that must fail.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Builds a minimal linux/amd64 image with umoci (an empty root file system and a config) and pushes it as
    /// <paramref name="reference"/> (repository:tag) with skopeo; returns the full reference.
    /// </summary>
    public string PushBaseImage(string reference)
    {
        var layout = Path.Combine(Root, "layout");
        Run("umoci", "init", "--layout", layout);
        Run("umoci", "new", "--image", layout + ":base");
        Run("umoci", "config", "--image", layout + ":base", "--os", "linux", "--architecture", "amd64");
        Run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "oci:" + layout + ":base", "docker://" + Host + "/" + reference);
        return Host + "/" + reference;
    }

    /// <summary>The registry's <c>Docker-Content-Digest</c> for a tag (HTTP HEAD on the manifest, accepting image manifests and indexes).</summary>
    public string Digest(string repository, string tag)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{Host}/v2/{repository}/manifests/{tag}");
        foreach (var type in new[]
        {
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
        })
        {
            request.Headers.Accept.ParseAdd(type);
        }

        using var response = client.Send(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {request.RequestUri}: HTTP {(int)response.StatusCode}");
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    public void Dispose()
    {
        server.Dispose();
        ConsumerProject.TryDelete(Root);
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private void Run(string program, params string[] arguments)
    {
        var result = ProcessRunner.Run(Which(program)!, arguments, Root, ToolTimeout);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {result}\nregistry log:\n{server.Output}");
    }

    private void WaitUntilServing()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = client.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "The registry did not start within 30 s:\n" + server.Output);
            Thread.Sleep(100);
        }
    }
}
