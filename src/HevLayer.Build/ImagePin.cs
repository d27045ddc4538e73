using System;
using System.Collections.Generic;
using System.IO;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Build;

/// <summary>
/// Pins a manifest's <c>spec.worker.image</c> to the digest a container publish pushed: a manifest whose image is
/// exactly one of the references that were pushed (<c>registry/repository:tag</c>) gets
/// <c>registry/repository:tag@sha256:…</c>, written as the one <see cref="ManifestWriter"/> writes any image
/// (<see cref="YamlScalar.Format"/>). Only that scalar changes; every other byte stays, so a manifest rendered for any
/// folder (today one, later one per environment) keeps what its writer put there. Any other image, one with a digest
/// of its own included, is left alone.
/// </summary>
public static class ImagePin
{
    /// <summary>
    /// The manifest with its image pinned, or <paramref name="yaml"/> itself (the same instance) when its image is
    /// not one of <paramref name="pushed"/>.
    /// </summary>
    /// <param name="yaml">A Pipeline or Function manifest.</param>
    /// <param name="pushed">The references the publish pushed, compared ordinally.</param>
    /// <param name="digest">The pushed manifest's digest, <c>sha256:</c> and 64 hex digits.</param>
    public static string Pin(string yaml, ISet<string> pushed, string digest)
    {
        var image = FindImage(yaml);
        if (image?.Value is not { } value || !pushed.Contains(value))
        {
            return yaml;
        }

        var start = (int)image.Start.Index;
        var end = (int)image.End.Index;
        return yaml.Substring(0, start) + YamlScalar.Format(value + "@" + digest) + yaml.Substring(end);
    }

    /// <summary>The references a publish pushed: <c>registry/repository:tag</c> for each tag.</summary>
    public static SortedSet<string> PushedReferences(string registry, string repository, IEnumerable<string> tags)
    {
        var references = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (!string.IsNullOrWhiteSpace(tag))
            {
                references.Add(registry.Trim().TrimEnd('/') + "/" + repository.Trim() + ":" + tag.Trim());
            }
        }

        return references;
    }

    /// <summary>Null when <paramref name="digest"/> can pin an image (sha256, sha384 or sha512 with its hex digits), else why not.</summary>
    public static string? DigestProblem(string digest) =>
        string.IsNullOrEmpty(digest) ? "it is empty" : ImageReference.Problem("pin/check@" + digest);

    private static YamlScalarNode? FindImage(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return null;
        }

        return Child(Child(Child(root, "spec"), "worker"), "image") as YamlScalarNode;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
