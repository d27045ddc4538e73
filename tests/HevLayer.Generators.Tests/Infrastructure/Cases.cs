using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>The user code the generator tests run on.</summary>
internal static class Cases
{
    /// <summary>The sample project's own sources, plus the global usings its SDK would add.</summary>
    public static (string Path, string Source)[] SampleWorkers() =>
        Directory.GetFiles(RepoPaths.SampleWorkers, "*.cs")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Append(("GlobalUsings.g.cs", "global using System; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks;"))
            .ToArray();

    /// <summary>Declaration shapes the generator must handle, and ones it must skip.</summary>
    public const string Shapes = """
        using HevLayer;

        [assembly: HevLayerDefaults(Namespace = "from-assembly", Image = "registry.example/assembly:1")]

        [Pipeline("global-pipeline")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public partial class GlobalPipeline { }

        namespace Shapes.Nested
        {
            public partial class Outer
            {
                internal partial class Middle
                {
                    [Function("nested-function", Namespace = "explicit-ns",
                        Triggers = FunctionTriggers.Discovery | FunctionTriggers.Write | FunctionTriggers.Schedule,
                        TargetNamespaces = new[] { "a", "b" })]
                    [Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, MinReplicas = 3, MaxReplicas = 99)]
                    [Schedule(LeaseSeconds = 30)]
                    [Worker(Image = "registry.example/own:2", TimeoutSeconds = 10)]
                    public sealed partial class Inner { }
                }
            }

            [Pipeline("record-pipeline", Paused = true)]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled)]
            [Label("z-last", "1")]
            [Label("a-first", "true")]
            [Label("quoted", "needs: quoting # here")]
            [Annotation("hevlayer.com/note", "line one\nline two")]
            public partial record RecordPipeline;

            // Skipped: not partial.
            [Pipeline("not-partial")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public class NotPartial { }

            // Skipped: both kinds.
            [Pipeline("both-a")]
            [Function("both-b", Triggers = FunctionTriggers.Write)]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class Both { }

            // Skipped: generic.
            [Pipeline("generic")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class Generic<T> { }

            // Skipped: no pool.
            [Pipeline("no-pool")]
            public partial class NoPool { }

            // Skipped: invalid name.
            [Pipeline("Not_A_Name")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class BadName { }

            // Skipped: unreachable from the registry.
            public partial class Host
            {
                [Pipeline("private-nested")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                private partial class PrivateNested { }
            }
        }
        """;

    /// <summary>MSBuild properties as the Shapes case's project would set them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShapesBuildProperties = new Dictionary<string, string>
    {
        ["HevLayerNamespace"] = "from-msbuild",
    };
}
