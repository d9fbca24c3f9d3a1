using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// Compiles a learner project in process exactly as its last build did: the compiler's own arguments of that
/// build (<see cref="LearnerProject.ResponseFileName"/>, parsed by Roslyn's command-line parser, so options,
/// references, defines and warnings are csc's) over the project's C# files as they are now. It emits the
/// assembly with its portable PDB (stack traces carry file and line as after a build) and the reference
/// assembly, which must be byte for byte the build's (obj/…/refint/): then the built tests still fit.
/// Whatever it cannot reproduce for sure it refuses, and <c>kata watch</c> builds the long way.
/// </summary>
internal sealed class LearnerCompiler
{
    // The analyzers and source generators the SDK passes to every project. The diagnostic analyzers do not
    // run in the learner's projects (RunAnalyzers=false: /skipanalyzers+); a generator writes code only for
    // its attribute, so the words below in the learner's code send the build the long way. Any other
    // analyzer (a package the learner added) does too.
    private static readonly Dictionary<string, string[]> KnownAnalyzers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.CodeAnalysis.CSharp.NetAnalyzers"] = [],
        ["Microsoft.CodeAnalysis.NetAnalyzers"] = [],
        ["Microsoft.Interop.SourceGeneration"] = [],
        ["Microsoft.Interop.ComInterfaceGenerator"] = ["GeneratedComInterface", "GeneratedComClass"],
        ["Microsoft.Interop.JavaScript.JSImportGenerator"] = ["JSImport", "JSExport"],
        ["Microsoft.Interop.LibraryImportGenerator"] = ["LibraryImport"],
        ["System.Text.Json.SourceGeneration"] = ["JsonSerializable"],
        ["System.Text.RegularExpressions.Generator"] = ["GeneratedRegex"],
    };

    private readonly Dictionary<string, (DateTime Written, long Length, MetadataReference Reference)> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Key, CompileResult Result)> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles <paramref name="project"/> into <paramref name="outputFolder"/> (the assembly and its PDB),
    /// or says why not. <paramref name="root"/> is cut from the paths of compiler errors.
    /// </summary>
    public CompileResult Compile(LearnerProject project, string outputFolder, string root)
    {
        CSharpCommandLineArguments args = CSharpCommandLineParser.Default.Parse(["@" + project.ResponseFile], project.Folder, sdkDirectory: null);
        if (args.Errors.Any(e => e.Severity == DiagnosticSeverity.Error))
        {
            return CompileResult.NotSure($"the compiler arguments of {project.Name}'s last build do not read back ({args.Errors.First()})");
        }

        if (args.OutputRefFilePath is not { } refint || !File.Exists(refint) || args.OutputFileName is null)
        {
            return CompileResult.NotSure($"{project.Name} has no reference assembly from its last build");
        }

        if (args.Win32ResourceFile is not null || args.Win32Icon is not null || args.Win32Manifest is not null || !args.SkipAnalyzers)
        {
            return CompileResult.NotSure($"{project.Name} is built with options the fast path does not reproduce");
        }

        List<string> sources = Sources(args, project);
        var texts = sources.ToDictionary(path => path, path => File.ReadAllText(path), StringComparer.Ordinal);
        if (Generated(args, texts) is { } generator)
        {
            return CompileResult.NotSure(generator);
        }

        string key = Key(File.ReadAllText(project.ResponseFile), texts);
        if (_last.TryGetValue(project.Name, out var last) && last.Key == key && (last.Result.Assembly is null || File.Exists(last.Result.Assembly)))
        {
            return last.Result;
        }

        CompileResult result = Emit(project, args, sources, texts, refint, outputFolder, root);
        _last[project.Name] = (key, result);
        return result;
    }

    private CompileResult Emit(
        LearnerProject project,
        CSharpCommandLineArguments args,
        List<string> sources,
        Dictionary<string, string> texts,
        string refint,
        string outputFolder,
        string root)
    {
        SyntaxTree[] trees =
        [
            .. sources.Select(path => CSharpSyntaxTree.ParseText(
                SourceText.From(texts[path], Encoding.UTF8, args.ChecksumAlgorithm),
                args.ParseOptions,
                path)),
        ];
        CSharpCompilation compilation = CSharpCompilation.Create(
            args.CompilationName,
            trees,
            args.MetadataReferences.Select(Reference),
            args.CompilationOptions
                .WithSyntaxTreeOptionsProvider(AnalyzerConfigOptions.For(args, trees))
                .WithSourceReferenceResolver(new SourceFileResolver([], args.BaseDirectory, args.PathMap))
                .WithStrongNameProvider(new DesktopStrongNameProvider(args.KeyFileSearchPaths)));

        string peName = Path.Combine(args.OutputDirectory, args.OutputFileName!);
        EmitOptions emitOptions = args.EmitOptions.WithPdbFilePath(args.PdbPath ?? Path.ChangeExtension(peName, ".pdb"));
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        using var metadata = new MemoryStream();
        using Stream? sourceLink = args.SourceLink is { } map && File.Exists(map) ? File.OpenRead(map) : null;
        EmitResult emitted = compilation.Emit(
            pe,
            pdb,
            metadataPEStream: metadata,
            options: emitOptions,

            // What csc gives an assembly without a resource file of its own: the version resource.
            win32Resources: compilation.CreateDefaultWin32Resources(versionResource: true, noManifest: args.NoWin32Manifest, manifestContents: null, iconInIcoFormat: null),
            manifestResources: args.ManifestResources,
            sourceLinkStream: sourceLink,
            embeddedTexts: args.EmbeddedFiles.Where(f => texts.ContainsKey(f.Path) || File.Exists(f.Path))
                .Select(f => EmbeddedText.FromSource(f.Path, SourceText.From(texts.TryGetValue(f.Path, out string? text) ? text : File.ReadAllText(f.Path), Encoding.UTF8, args.ChecksumAlgorithm))));

        if (!emitted.Success)
        {
            string prefix = root.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            return CompileResult.Errors(
            [
                .. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(d => CSharpDiagnosticFormatter.Instance.Format(d, CultureInfo.InvariantCulture).Replace(prefix, string.Empty, StringComparison.Ordinal))
                    .Distinct(),
            ]);
        }

        if (!metadata.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(refint)))
        {
            return CompileResult.SurfaceChanged(project.Name);
        }

        Directory.CreateDirectory(outputFolder);
        string assembly = Path.Combine(outputFolder, args.OutputFileName!);
        File.WriteAllBytes(assembly, pe.ToArray());
        File.WriteAllBytes(Path.ChangeExtension(assembly, ".pdb"), pdb.ToArray());
        return CompileResult.Compiled(assembly);
    }

    // The build's files in the build's order, the learner's own (the project folder outside bin/ and obj/) as
    // they are now: a file added since comes after the others, a file deleted is left out.
    private static List<string> Sources(CSharpCommandLineArguments args, LearnerProject project)
    {
        IReadOnlyList<string> now = project.Sources();
        var current = now.ToHashSet(StringComparer.Ordinal);

        var sources = new List<string>();
        int afterLearners = 0;
        foreach (string path in args.SourceFiles.Select(f => f.Path))
        {
            if (!project.IsOwn(path))
            {
                sources.Add(path);
            }
            else if (current.Remove(path))
            {
                sources.Add(path);
                afterLearners = sources.Count;
            }
        }

        sources.InsertRange(afterLearners, current.Order(StringComparer.Ordinal));
        return sources;
    }

    private static string? Generated(CSharpCommandLineArguments args, Dictionary<string, string> texts)
    {
        foreach (string analyzer in args.AnalyzerReferences.Select(a => Path.GetFileNameWithoutExtension(a.FilePath)))
        {
            if (!KnownAnalyzers.TryGetValue(analyzer, out string[]? triggers))
            {
                return $"the project uses the analyzer {analyzer}";
            }

            foreach (string trigger in triggers)
            {
                if (texts.FirstOrDefault(t => t.Value.Contains(trigger, StringComparison.Ordinal)) is { Key: { } file })
                {
                    return $"{Path.GetFileName(file)} uses {trigger}, whose code a source generator writes";
                }
            }
        }

        return null;
    }

    private MetadataReference Reference(CommandLineReference reference)
    {
        string path = reference.Reference;
        var info = new FileInfo(path);
        if (_references.TryGetValue(path, out var known) && known.Written == info.LastWriteTimeUtc && known.Length == info.Length)
        {
            return known.Reference.WithProperties(reference.Properties);
        }

        MetadataReference made = MetadataReference.CreateFromFile(path, reference.Properties);
        _references[path] = (info.LastWriteTimeUtc, info.Length, made);
        return made;
    }

    private static string Key(string responseFile, Dictionary<string, string> texts)
    {
        var text = new StringBuilder(responseFile);
        foreach ((string path, string content) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append('\0').Append(path).Append('\0').Append(content);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The analyzer configuration files of the build (.editorconfig, the SDK's global configs), as csc applies them to each file's warnings.</summary>
    private sealed class AnalyzerConfigOptions(AnalyzerConfigSet set, Dictionary<SyntaxTree, ImmutableDictionary<string, ReportDiagnostic>> trees) : SyntaxTreeOptionsProvider
    {
        public static AnalyzerConfigOptions For(CSharpCommandLineArguments args, IEnumerable<SyntaxTree> trees)
        {
            AnalyzerConfigSet set = AnalyzerConfigSet.Create(
                args.AnalyzerConfigPaths.Where(File.Exists).Select(path => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(path)), path)).ToList());
            return new AnalyzerConfigOptions(set, trees.ToDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath).TreeOptions));
        }

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return trees.TryGetValue(tree, out var options) && options.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }
}
