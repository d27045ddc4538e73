using HevLayer.Generated;

// The generator gives the program a typed view of every workload it declares.
foreach (var workload in HevLayerWorkloads.All)
{
    Console.WriteLine($"{workload.Kind} {workload.Metadata.Namespace}/{workload.Metadata.Name}: pool {workload.Scaling.Pool}");
}
