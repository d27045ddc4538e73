using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>Tests that point the process-wide KUBECONFIG at a stand-in API server run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class KubeconfigCollection
{
    public const string Name = "KUBECONFIG";
}
