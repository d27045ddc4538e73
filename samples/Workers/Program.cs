using HevLayer.Generated;

// The generator also gives the program a typed view of every workload it declares.
foreach (var workload in HevLayerWorkloads.All)
{
    var scaling = workload.Scaling;
    Console.WriteLine($"{workload.Kind,-8} {workload.Metadata.Namespace}/{workload.Metadata.Name}: pool {scaling.Pool}, {scaling.Mode}, {scaling.MinReplicas}..{scaling.MaxReplicas}");
}
