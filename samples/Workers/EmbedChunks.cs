using HevLayer;

namespace Acme.Workers;

/// <summary>Embeds chunks on the GPU pool with a fixed two replicas (model load is slow, so no scale-to-zero).</summary>
[Pipeline("embed-chunks")]
[Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, MinReplicas = 2)]
[Worker(Image = "ghcr.io/acme/layer-embedder:0.9.0", BatchSize = 256, TimeoutSeconds = 300)]
[Retry(MaxAttempts = 3)]
[Label("team", "ml")]
[Annotation("hevlayer.com/owner", "ml-platform@acme.example")]
public sealed partial class EmbedChunks
{
}
