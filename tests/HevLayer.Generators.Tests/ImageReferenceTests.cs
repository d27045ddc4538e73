using System;
using HevLayer.Policy.Model;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Image references against the Docker distribution reference grammar as the kubelet applies it
/// (ParseNormalizedNamed, then go-digest v1.0.0). The verdicts are the grammar's and the runtimes', written down
/// from the grammar, not read off the implementation.
/// </summary>
public sealed class ImageReferenceTests
{
    private const string Hex64 = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";
    private const string Hex32 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Hex96 = Hex64 + Hex32;
    private const string Hex128 = Hex64 + Hex64;

    public static TheoryData<string> Valid => new()
    {
        // The examples people write.
        "nginx",
        "nginx:latest",
        "docker.io/library/nginx:latest",
        "ghcr.io/acme/worker:1.2",
        "k8s.gcr.io/pause:3.9",
        "localhost:5000/x/y@sha256:" + Hex64,
        "registry.example.com:443/a/b/c:tag@sha256:" + Hex64,
        "a",
        "library/nginx",
        "a/b/c/d/e/f",
        "123/456:789",

        // Registries: localhost, a port on a one-label host, IPv4, IPv6 with and without a port, uppercase hosts.
        "localhost/app",
        "registry:5000/app",
        "192.168.1.10:5000/team/app",
        "[::1]:5000/app",
        "[2001:db8::1]/team/app:v1",
        "[2001:DB8::A]:443/app",
        "Registry.Example.COM/team/app",
        "my-registry.local:8080/app",

        // An uppercase first component is a registry, not a path, so it may be uppercase.
        "Foo/bar",

        // Without a '/' the first component is never a registry: these are Docker Hub names with a tag.
        "localhost:5000",
        "example.com:5000",
        "ghcr.io",

        // Separators: one '.', one '_', two '__', any number of '-'.
        "a_b/c__d/e---f",
        "a.b/c.d/e-f:1",
        "repo/name__with__doubles",

        // Tags: \w first (so '_' may lead), then \w . -; uppercase is allowed; up to 128 characters.
        "nginx:_underscore-start",
        "nginx:V1.2.3-RC_1",
        "nginx:1.0.",
        "nginx:" + "t234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678",

        // Digests: digest only, tag and digest, the other algorithms go-digest v1.0.0 registers.
        "nginx@sha256:" + Hex64,
        "nginx:latest@sha256:" + Hex64,
        "nginx@sha384:" + Hex96,
        "nginx@sha512:" + Hex128,

        // A name 'sha256' with a 64-character tag: valid by the grammar, however it looks.
        "sha256:" + Hex64,

        // Only exactly 64 lowercase hex digits is an image ID.
        "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5a",
        Hex64 + "0",
        "x/" + Hex64,

        // The 255-character path limit: exactly at it, with and without the implied 'library/' prefix.
        "ghcr.io/" + new string('a', 255),
        "ghcr.io/" + new string('a', 100) + "/" + new string('b', 154),
        new string('a', 247),
        "acme/" + new string('a', 250),
    };

    public static TheoryData<string, string> Invalid => new()
    {
        // Empty, whitespace, control characters, non-ASCII.
        { "", "empty" },
        { " nginx", "whitespace" },
        { "nginx ", "whitespace" },
        { "nginx\n", "whitespace" },
        { "ngi nx", "whitespace" },
        { "nginx\t:1", "whitespace" },
        { "ngin\u00a0x", "whitespace" },
        { "nginx\u0001", "control" },
        { "nginx:1\u007f", "control" },
        { "nginx\u0085x", "whitespace" },
        { "nginé", "non-ASCII" },
        { "app\U0001F600", "U+1F600" },

        // Uppercase in the path; an uppercase registry does not make the path uppercase-safe.
        { "Nginx", "uppercase" },
        { "NGINX:latest", "uppercase" },
        { "acme/Worker", "uppercase" },
        { "ghcr.io/Acme/worker", "uppercase" },
        { "Registry.Example.COM/App", "uppercase" },

        // Empty components.
        { "a//b", "component is empty" },
        { "a/b/", "component is empty" },
        { "/a", "component is empty" },
        { "ghcr.io/", "path" },
        { "ghcr.io/:1", "path" },
        { ":latest", "path" },

        // Separators.
        { "a___b", "separator '___'" },
        { "a..b", "separator '..'" },
        { "a._b", "separator '._'" },
        { "a__-b", "separator '__-'" },
        { "a-_b", "separator '-_'" },
        { "-a", "start and end" },
        { "a-", "start and end" },
        { "_a", "start and end" },
        { "a_", "start and end" },
        { ".a", "start and end" },
        { "acme/a.", "start and end" },
        { "a/b+c", "contains '+'" },
        { "a/b!c:1", "contains '!'" },

        // Tags.
        { "nginx:", "tag" },
        { "nginx::1", "tag" },
        { "nginx:.1", "tag" },
        { "nginx:-1", "tag" },
        { "nginx:1.0!", "tag" },
        { "a:b:c", "tag" },
        { "localhost:5000:1", "tag" },
        { "nginx:" + new string('t', 129), "tag is 129 characters" },

        // Digests.
        { "nginx@", "digest" },
        { "nginx:latest@", "digest" },
        { "nginx@sha256", "digest" },
        { "nginx@sha256:", "digest" },
        { "nginx@:" + Hex64, "digest algorithm" },
        { "nginx@sha256:" + Hex64.Substring(1), "digest has 63 hex digits" },
        { "nginx@sha256:" + Hex64 + "a", "digest has 65 hex digits" },
        { "nginx@sha256:" + Hex32, "digest" },
        { "nginx@sha256:" + Hex64.ToUpperInvariant(), "digest has uppercase" },
        { "nginx@sha256:" + Hex64.Substring(1) + "g", "digest contains 'g'" },
        { "nginx@sha256:" + Hex64 + ":latest", "digest" },
        { "nginx@sha256:" + Hex64.Substring(2) + "==", "digest" },
        { "nginx@sha512:" + Hex64, "digest has 64 hex digits" },
        { "nginx@md5:" + Hex32, "digest algorithm 'md5' is not supported" },
        { "nginx@SHA256:" + Hex64, "digest algorithm 'SHA256' is not supported" },
        { "nginx@1sha:" + Hex64, "digest algorithm '1sha' is not valid" },
        { "nginx@sha256+:" + Hex64, "digest algorithm" },
        { "nginx@sha256:" + Hex64 + "@sha256:" + Hex64, "more than one '@'" },
        { "@sha256:" + Hex64, "name is empty" },

        // Registries.
        { "localhost:abc/x", "port 'abc' is not a number" },
        { "localhost:/x", "port is empty" },
        { "nginx:1.0/x", "port '1.0' is not a number" },
        { "localhost:5000:1/x", "port" },
        { ":5000/x", "registry host is empty" },
        { "-bad.example.com/x", "registry" },
        { "bad-.example.com/x", "registry" },
        { "a..example.com/x", "registry" },
        { ".example.com/x", "registry" },
        { "my_registry.com/x", "registry" },
        { "[::1/x", "registry" },
        { "[fe80::1%eth0]/x", "registry" },
        { "[::ffff:192.168.1.1]/x", "registry" },
        { "[]:5000/x", "registry" },
        { "[::1]x/y", "registry" },

        // A bare image ID is not a name.
        { Hex64, "image ID" },

        // Longer than 255: the path after a registry, or Docker Hub's library/<name>.
        { "ghcr.io/" + new string('a', 256), "longer than 255" },
        { "acme/" + new string('a', 251), "longer than 255" },
        { new string('a', 248), "library/" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_references_have_no_problem(string image)
    {
        Assert.Null(ImageReference.Problem(image));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_references_say_what_is_wrong(string image, string expected)
    {
        var problem = ImageReference.Problem(image);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);

        // The phrase is inserted after "...is not a valid OCI image reference: ".
        Assert.True(char.IsLower(problem![0]), problem);
        Assert.False(problem.EndsWith(".", StringComparison.Ordinal), problem);
    }

    [Fact]
    public void Null_is_empty()
    {
        Assert.Equal("it is empty", ImageReference.Problem(null));
    }

    [Fact]
    public void Problems_name_the_part_and_the_rule()
    {
        Assert.Equal(
            "the tag '.1' is not valid: up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'",
            ImageReference.Problem("nginx:.1"));
        Assert.Equal("the registry port 'abc' is not a number", ImageReference.Problem("localhost:abc/x"));
        Assert.Equal(
            "it contains uppercase letters in the repository path (only lowercase letters, digits and separators . _ __ - are allowed)",
            ImageReference.Problem("acme/Worker"));
        Assert.Equal("it has leading or trailing whitespace", ImageReference.Problem("nginx "));
    }

    [Fact]
    public void The_table_covers_enough_cases()
    {
        Assert.True(Valid.Count >= 25);
        Assert.True(Invalid.Count >= 35);
    }

    [Fact]
    public void Valid_references_allocate_nothing()
    {
        var images = new[]
        {
            "nginx",
            "registry.example.com:443/a/b/c:tag@sha256:" + Hex64,
            "[2001:db8::1]:5000/team/app__x/y---z:v1.2",
            "docker.io/library/nginx:latest",
        };
        foreach (var image in images)
        {
            Assert.Null(ImageReference.Problem(image));
        }

        // Warm up past tiered compilation, then measure.
        for (var i = 0; i < 200; i++)
        {
            foreach (var image in images)
            {
                _ = ImageReference.Problem(image);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var image in images)
            {
                _ = ImageReference.Problem(image);
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
