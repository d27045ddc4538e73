using System.IO;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// A consumer of the packed package that declares environments, with the clusters of issue 25: prod has a cpu pool
/// with a ceiling of 20 and a gpu pool with a ceiling of 8 (infra/prod.yaml), dev only a cpu pool with a ceiling
/// of 2 (infra/dev.yaml).
/// </summary>
internal static class EnvironmentConsumer
{
    public const string Prod = """
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata:
          name: default
        spec:
          computePools:
            - name: cpu
              kind: cpu
              maxReplicasPerWorkload: 20
            - name: gpu
              kind: gpu
              gpuType: nvidia-l4
              maxReplicasPerWorkload: 8
        """;

    public const string Dev = """
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata:
          name: default
        spec:
          computePools:
            - name: cpu
              kind: cpu
              maxReplicasPerWorkload: 2
        """;

    /// <summary>dev and prod, as the issue spells them.</summary>
    public const string DevAndProd = """
            <HevLayerEnvironment Include="dev" InfraRules="infra/dev.yaml" />
            <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" />
        """;

    /// <summary>A consumer whose project declares <paramref name="environments"/> (items) and whose Workers.cs is <paramref name="workloads"/>.</summary>
    public static ConsumerProject Create(string environments, string workloads)
    {
        var consumer = new ConsumerProject();
        File.WriteAllText(consumer.ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <HevLayerNamespace>search</HevLayerNamespace>
                <HevLayerImage>ghcr.io/acme/layer-workers:1.4.2</HevLayerImage>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{consumer.Package.Version}" />
              </ItemGroup>
              <ItemGroup>
            {environments}
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(consumer.ProjectDirectory, "infra"));
        consumer.Write("infra/prod.yaml", Prod);
        consumer.Write("infra/dev.yaml", Dev);
        consumer.Write("Workers.cs", workloads);
        consumer.Write("Program.cs", "System.Console.WriteLine(\"ok\");");
        return consumer;
    }
}
