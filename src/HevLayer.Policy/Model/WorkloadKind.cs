namespace HevLayer.Policy.Model;

/// <summary>The two Layer workload kinds.</summary>
public enum WorkloadKind
{
    /// <summary>A staged ingest worker draining a queue.</summary>
    Pipeline = 0,

    /// <summary>A worker over already-indexed namespaces.</summary>
    Function = 1,
}
