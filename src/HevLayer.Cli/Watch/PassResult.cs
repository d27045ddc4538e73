using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>What one pass did, for the console line.</summary>
/// <param name="Written">Files created or rewritten (kustomization.yaml included).</param>
/// <param name="Deleted">Manifests removed.</param>
/// <param name="Workloads">Manifests in the folder after the pass.</param>
/// <param name="Shown">The diagnostics the pass reports, in file and position order.</param>
/// <param name="Blocked">True when errors kept the folder as it was.</param>
/// <param name="Steps">Where the pass's time went, step by step, in milliseconds (printed with --timings).</param>
internal sealed record PassResult(IReadOnlyList<string> Written, IReadOnlyList<string> Deleted, int Workloads, IReadOnlyList<Diagnostic> Shown, bool Blocked, IReadOnlyList<(string Step, double Milliseconds)> Steps);
