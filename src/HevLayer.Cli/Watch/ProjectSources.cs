using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Cli.Watch;

/// <summary>
/// The project's inputs as the compiler sees them, kept current between saves: the syntax tree of every
/// source file, what each declares (<see cref="SourceIndex"/>), the AdditionalFiles, and the compilation of
/// them all. A save is parsed incrementally; the fast path's small compilation is cut from here.
/// </summary>
internal sealed class ProjectSources
{
    private readonly CSharpCommandLineArguments arguments;
    private readonly CSharpCompilation template;
    private readonly Dictionary<string, SyntaxTree> trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceIndex> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdditionalFileText> additionalFiles = new(StringComparer.Ordinal);

    private ProjectSources(CSharpCommandLineArguments arguments, CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        this.arguments = arguments;
        Compilation = compilation;
        template = compilation.RemoveAllSyntaxTrees();
        foreach (var tree in compilation.SyntaxTrees)
        {
            trees[tree.FilePath] = tree;
            index[tree.FilePath] = SourceIndex.Of(tree, cancellationToken);
        }

        foreach (var file in arguments.AdditionalFiles)
        {
            additionalFiles[file.Path] = new AdditionalFileText(file.Path);
        }
    }

    /// <summary>The compilation of every source file, as saved last.</summary>
    public CSharpCompilation Compilation { get; private set; }

    /// <summary>The source files, full paths.</summary>
    public IEnumerable<string> SourceFiles => trees.Keys;

    /// <summary>The AdditionalFiles (InfraRules, hand-written manifests), full paths.</summary>
    public IEnumerable<string> AdditionalFiles => additionalFiles.Keys;

    /// <summary>The AdditionalFiles as the generators and analyzers read them.</summary>
    public IEnumerable<AdditionalText> AdditionalTexts => additionalFiles.Values;

    /// <summary>Reads and parses every source file once and compiles them with the command line's references and options.</summary>
    public static ProjectSources Load(ProjectInputs inputs, CSharpCommandLineArguments arguments, ConfigOptions options, CancellationToken cancellationToken)
    {
        var references = arguments.MetadataReferences
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, inputs.ProjectDirectory), r.Properties))
            .ToList();

        var parsed = arguments.SourceFiles
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(f => Parse(f.Path, arguments, cancellationToken))
            .ToList();

        var compilationOptions = arguments.CompilationOptions.WithSyntaxTreeOptionsProvider(options.Severities);
        var compilation = CSharpCompilation.Create(arguments.CompilationName, parsed, references, compilationOptions);
        return new ProjectSources(arguments, compilation, cancellationToken);
    }

    /// <summary>True when <paramref name="path"/> is one of the source files.</summary>
    public bool Contains(string path) => trees.ContainsKey(path);

    /// <summary>The syntax tree of the source file at <paramref name="path"/>, as saved last.</summary>
    public SyntaxTree Tree(string path) => trees[path];

    /// <summary>
    /// Reads the saved source files and parses those whose text changed, reusing what the edit did not touch.
    /// Every file is read before anything changes, so a file that cannot be read leaves the sources as they were.
    /// </summary>
    /// <returns>
    /// The files that changed; for each, its old tree and the changed region in the old and the new text; and
    /// whether one of them is support (a file with no workload, or with constants or enums), which can change
    /// any workload's attributes.
    /// </returns>
    public (List<string> Changed, Dictionary<string, (SyntaxTree Tree, TextSpan Old, TextSpan New)> Previous, bool Support) Save(IReadOnlyCollection<string> changedSources, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        var previous = new Dictionary<string, (SyntaxTree Tree, TextSpan Old, TextSpan New)>(StringComparer.Ordinal);
        var support = false;
        var read = changedSources.Select(p => (Path: p, Text: Read(p, arguments))).ToList();
        foreach (var (path, text) in read)
        {
            var old = trees[path];
            var oldText = old.GetText(cancellationToken);
            if (text.ContentEquals(oldText))
            {
                continue;
            }

            // The edit as a change to the old text, so that the parser reuses what it did not touch (a file of
            // 1,000 classes is not parsed again); the same text as read, unless the encoding changed too.
            var difference = Difference(oldText, text);
            var tree = Equals(text.Encoding, oldText.Encoding)
                ? old.WithChangedText(oldText.WithChanges(new TextChange(difference.Old, text.ToString(difference.New))))
                : old.WithChangedText(text);
            trees[path] = tree;
            Compilation = Compilation.ReplaceSyntaxTree(old, tree);
            previous[path] = (old, difference.Old, difference.New);
            var was = index[path];
            index[path] = SourceIndex.Of(tree, cancellationToken);

            // A file with no workload (helpers), or with constants or enums, can change any workload's attributes.
            support |= (!was.DeclaresWorkload && !index[path].DeclaresWorkload) || was.DeclaresConstants || index[path].DeclaresConstants;
            changed.Add(path);
        }

        return (changed, previous, support);
    }

    /// <summary>Reads the saved AdditionalFiles again; returns those whose text changed, old and new.</summary>
    public List<(AdditionalText Was, AdditionalText Now)> SaveAdditional(IReadOnlyCollection<string> changedAdditionalFiles, CancellationToken cancellationToken)
    {
        var replaced = new List<(AdditionalText Was, AdditionalText Now)>();
        foreach (var path in changedAdditionalFiles)
        {
            var was = additionalFiles[path];
            var now = new AdditionalFileText(path);
            if (now.GetText(cancellationToken)?.ContentEquals(was.GetText(cancellationToken) ?? SourceText.From(string.Empty)) == true)
            {
                continue;
            }

            additionalFiles[path] = now;
            replaced.Add((was, now));
        }

        return replaced;
    }

    /// <summary>
    /// The fast path's small compilation of the saved files (see <see cref="WatchSession"/>): the types their
    /// edits touched, before and after; each saved file with only its edited workloads; and the compilation
    /// of those with every file their attributes can depend on.
    /// </summary>
    public (HashSet<string> Declared, HashSet<string> Before, Dictionary<string, SyntaxTree> Reduced, CSharpCompilation Small) SavedWorkloads(List<string> changed, Dictionary<string, (SyntaxTree Tree, TextSpan Old, TextSpan New)> previous, CancellationToken cancellationToken)
    {
        // The edited types of each saved file (a file of 1,000 workloads is compiled with only the edited ones).
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var before = new HashSet<string>(StringComparer.Ordinal);
        var reduced = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            var (old, oldSpan, newSpan) = previous[path];
            before.UnionWith(SourceIndex.Touched(old, oldSpan, cancellationToken));
            declared.UnionWith(SourceIndex.Touched(trees[path], newSpan, cancellationToken));
            reduced[path] = SourceIndex.WithOnly(trees[path], declared, cancellationToken);
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in index)
        {
            if (!reduced.ContainsKey(path) && (!entry.DeclaresWorkload || entry.Types.Any(declared.Contains)))
            {
                included.Add(path);
            }
        }

        var small = template.AddSyntaxTrees(trees.Where(t => included.Contains(t.Key)).Select(t => t.Value).Concat(reduced.Values));
        return (declared, before, reduced, small);
    }

    /// <summary>The changed region of a text, in the old text's positions and in the new one's (common prefix and suffix removed).</summary>
    private static (TextSpan Old, TextSpan New) Difference(SourceText before, SourceText after)
    {
        var a = before.ToString();
        var b = after.ToString();
        var prefix = 0;
        var max = Math.Min(a.Length, b.Length);
        while (prefix < max && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < max - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        return (TextSpan.FromBounds(prefix, a.Length - suffix), TextSpan.FromBounds(prefix, b.Length - suffix));
    }

    private static SyntaxTree Parse(string path, CSharpCommandLineArguments arguments, CancellationToken cancellationToken) =>
        CSharpSyntaxTree.ParseText(Read(path, arguments), arguments.ParseOptions, path, cancellationToken);

    /// <summary>Reads a source file as csc does (its encoding option, its checksum algorithm); retries a file an editor is still replacing.</summary>
    private static SourceText Read(string path, CSharpCommandLineArguments arguments)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return SourceText.From(stream, arguments.Encoding, arguments.ChecksumAlgorithm);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(10);
            }
        }
    }
}
