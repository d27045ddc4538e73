using HevLayer;

// Every workload in this project runs in the "search" namespace and this image unless it says otherwise.
// CI replaces the image with `-p:HevLayerImage=ghcr.io/acme/layer-workers:<sha>`.
[assembly: HevLayerDefaults(Namespace = "search", Image = "ghcr.io/acme/layer-workers:1.4.2")]
