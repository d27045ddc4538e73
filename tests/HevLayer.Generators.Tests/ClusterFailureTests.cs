using System.IO;
using HevLayer.Build;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>An unexpected failure of the cluster fetch: its own id, the exception's message, and no credential.</summary>
public sealed class ClusterFailureTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGQifQ.c2lnbmF0dXJlMTIzNDU2Nzg5MA";

    [Fact]
    public void An_io_failure_is_HEVL407_with_its_message_and_not_a_kubeconfig_problem()
    {
        var failure = ClusterInfraRules.Unexpected(new IOException("No space left on device : '/builds/acme/obj/Debug/net10.0/hevlayer/infrarules.cluster.yaml'"));

        Assert.Equal("HEVL407", failure.Code);
        Assert.Contains("IOException: No space left on device : '/builds/acme/obj/Debug/net10.0/hevlayer/infrarules.cluster.yaml'", failure.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("kubeconfig", failure.Message, System.StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Authorization: Bearer " + Jwt + " was refused", "Authorization: Bearer [redacted] was refused")]
    [InlineData("token=" + Jwt, "token=[redacted]")]
    [InlineData("Basic dXNlcjpwYXNz failed", "Basic [redacted] failed")]
    [InlineData("client-key-data LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo= is bad", "client-key-data [redacted]= is bad")]
    [InlineData("secret 0123456789abcdef0123456789abcdef leaked", "secret [redacted] leaked")]
    [InlineData("Could not find file '/home/ci/.kube/infrarules.cluster.yaml'.", "Could not find file '/home/ci/.kube/infrarules.cluster.yaml'.")]
    [InlineData("Object reference not set to an instance of an object.", "Object reference not set to an instance of an object.")]
    public void Anything_that_looks_like_a_credential_is_removed_and_the_rest_stays_readable(string message, string expected)
    {
        Assert.Equal(expected, ClusterInfraRules.Redact(message));
        Assert.DoesNotContain(Jwt, ClusterInfraRules.Unexpected(new System.InvalidOperationException(message)).Message, System.StringComparison.Ordinal);
    }
}
