using System.Threading.Tasks;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>
/// Class shapes the compiler accepts but the generator cannot fully extend: a taken <c>Manifest</c> name
/// (HEVL117) and file-local types (HEVL118), reported on the class name.
/// </summary>
public sealed class ClassShapeRuleTests
{
    [Fact]
    public Task HEVL117_every_kind_of_member_named_Manifest_is_reported_at_the_class_name() =>
        VerifyAsync(Header + """
            [Pipeline("p1")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#0:WithProperty|} { public string Manifest => ""; }

            [Pipeline("p2")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#1:WithMethod|} { public void Manifest() { } }

            [Pipeline("p3")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#2:WithField|} { internal int Manifest; }

            [Pipeline("p4")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#3:WithNestedType|} { public class Manifest { } }

            [Pipeline("p5")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial record {|#4:Positional|}(string Manifest);

            [Pipeline("p6")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#5:Manifest|} { }

            public class Base { protected static int Manifest = 1; }

            [Pipeline("p7")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|#6:Derived|} : Base { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL117").WithLocation(0).WithArguments("WithProperty", "already declares a property named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(1).WithArguments("WithMethod", "already declares a method named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(2).WithArguments("WithField", "already declares a field named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(3).WithArguments("WithNestedType", "already declares a nested type named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(4).WithArguments("Positional", "has a positional parameter named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(5).WithArguments("Manifest", "is itself named 'Manifest'"),
            Diagnostic("HEVL117").WithLocation(6).WithArguments("Derived", "inherits a field named 'Manifest' from 'Base'"));

    [Fact]
    public Task HEVL117_is_quiet_for_a_private_base_member_a_workload_base_and_a_class_the_generator_skips_anyway() =>
        VerifyAsync(Header + """
            public class Base { private static int Manifest = 1; public static int Read() => Manifest; }

            [Pipeline("p1")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class Derived : Base { }

            [Pipeline("p2")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class WorkloadBase { }

            [Pipeline("p3")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class WorkloadDerived : WorkloadBase { }

            [Pipeline("p4")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public class {|HEVL105:NotPartial|} { public int Manifest; }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL118_a_file_local_class_or_outer_type_is_reported_at_the_class_name() =>
        VerifyAsync(Header + """
            [Pipeline("p1")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            file partial class {|#0:Local|} { }

            file partial class Outer
            {
                [Pipeline("p2")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                internal partial class {|#1:Inner|} { }
            }
            """,
            SampleInfraRules,
            Diagnostic("HEVL118").WithLocation(0).WithArguments("Local", "is file-local"),
            Diagnostic("HEVL118").WithLocation(1).WithArguments("Outer.Inner", "is nested in file-local type 'Outer'"));
}
