using System.Collections.Immutable;
using System.Text;
using Kata.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Kata.Tools.Tests;

/// <summary>
/// What learner code may call (tests/Kata.Tests/Rules/allowed-api.json, read by AllowedApi over the
/// uses CodeUses finds in compiled IL): small learner files are compiled here with Roslyn, as the kata's
/// build would compile them, and checked the way the grader checks a submission.
/// </summary>
public sealed class AllowedApiTests
{
    private static readonly AllowedApi Allowed = AllowedApi.Load(KataPaths.Root);
    private string _scratch = string.Empty;

    [SetUp]
    public void CreateFolder() => _scratch = Directory.CreateTempSubdirectory("kata-allowed-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Plain_code_with_collections_LINQ_records_iterators_lambdas_and_strings_is_allowed()
    {
        Refusals(1, """
            using System.Text;
            namespace NeuralNet;
            internal sealed record Pair(double A, double B);
            internal static class Plain
            {
                internal static double Sum(double[] values)
                {
                    var list = new List<double>(values) { 1.5 };
                    Dictionary<string, int> counts = [];
                    counts["a"] = counts.GetValueOrDefault("a") + 1;
                    int[] squares = [.. Enumerable.Range(0, 5).Select(i => i * i)];
                    ReadOnlySpan<double> span = values.AsSpan(0, Math.Min(2, values.Length));
                    Span<int> small = stackalloc int[4];
                    var pair = new Pair(values.Length, span.Length);
                    string text = $"{pair} {squares.Sum()} {new StringBuilder("x").Append(1.5)}";
                    Func<double, double> f = Math.Sqrt;
                    var random = new Random(3);
                    if (text.Length < 0)
                    {
                        throw new ArgumentException($"{nameof(values)} {typeof(Pair).Name} {pair.GetType() == typeof(Pair)}", nameof(values));
                    }

                    Console.WriteLine(text);
                    return list.Sum() + f(random.NextDouble()) + Evens(3).Count() + small.Length + counts.Count;
                }

                private static IEnumerable<int> Evens(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        yield return 2 * i;
                    }
                }
            }
            """).ShouldBeEmpty();
    }

    [Test]
    public void Reflection_is_refused_in_a_sentence_naming_the_method_its_line_the_member_and_why()
    {
        string refusal = Refusals(1, """
            namespace NeuralNet;
            internal static class Sneaky
            {
                internal static object? Find()
                {
                    return Type.GetType("NUnit.Framework.Internal.TestExecutionContext, nunit.framework");
                }
            }
            """).ShouldHaveSingleItem();

        refusal.ShouldStartWith("Sneaky.Find (");
        refusal.ShouldContain(":line 6)");
        refusal.ShouldContain("uses System.Type.GetType: reflection is not part of the kata; learner code may use");
        refusal.ShouldEndWith($"({AllowedApi.FileName}).");
    }

    [Test]
    public void A_lambda_is_blamed_on_the_method_it_is_written_in()
    {
        Refusals(1, """
            namespace NeuralNet;
            internal static class Outer
            {
                internal static Func<string> Make() => () => Environment.StackTrace;
            }
            """).ShouldHaveSingleItem().ShouldStartWith("Outer.Make (");
    }

    [TestCase(1, true)]
    [TestCase(4, true)]
    [TestCase(12, false)]
    public void Threads_and_Parallel_are_refused_except_in_checkpoint_12(int checkpoint, bool refused)
    {
        IReadOnlyList<string> refusals = Refusals(checkpoint, """
            namespace NeuralNet;
            internal static class Threads
            {
                internal static void Run() => System.Threading.Tasks.Parallel.For(0, 2, _ => Thread.Sleep(1));
            }
            """);

        if (refused)
        {
            refusals.ShouldNotBeEmpty();
            refusals.ShouldAllBe(r => r.Contains("which the kata allows in checkpoint 12 only"));
        }
        else
        {
            refusals.ShouldBeEmpty();
        }
    }

    [TestCase(1, true)]
    [TestCase(4, false)]
    [TestCase(9, false)]
    [TestCase(12, true)]
    public void Files_are_refused_except_in_checkpoints_4_and_9(int checkpoint, bool refused)
    {
        IReadOnlyList<string> refusals = Refusals(checkpoint, """
            namespace NeuralNet;
            internal static class Files
            {
                internal static byte[] Read(string path) => File.ReadAllBytes(path);
            }
            """);

        (refusals.Count > 0).ShouldBe(refused, string.Join("\n", refusals));
    }

    [Test]
    public void Unchecked_vector_loads_are_refused_even_in_checkpoint_12_and_span_loads_are_not()
    {
        IReadOnlyList<string> refusals = Refusals(12, """
            using System.Runtime.InteropServices;
            using System.Runtime.Intrinsics;
            namespace NeuralNet;
            internal static class Loads
            {
                internal static float Checked(float[] a) => Vector512.Sum(Vector512.Create(a.AsSpan(0, 16)));

                internal static float Unchecked(float[] a) => Vector512.Sum(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), 1000));
            }
            """);

        refusals.ShouldNotBeEmpty();
        refusals.ShouldAllBe(r => r.StartsWith("Loads.Unchecked", StringComparison.Ordinal) && r.Contains("raw memory"));
    }

    [Test]
    public void The_call_stack_the_environment_and_the_process_are_refused_with_their_reasons()
    {
        IReadOnlyList<string> refusals = Refusals(4, """
            namespace NeuralNet;
            internal static class Nosy
            {
                internal static string Caller() => new System.Diagnostics.StackTrace().ToString();

                internal static string? Seed() => Environment.GetEnvironmentVariable("KATA_HOLDOUT_SEED");

                internal static void Leave() => Environment.Exit(0);

                internal static void Start() => System.Diagnostics.Process.Start("sh");
            }
            """);

        refusals.ShouldContain(r => r.StartsWith("Nosy.Caller", StringComparison.Ordinal) && r.Contains("looking at the call stack"));
        refusals.ShouldContain(r => r.StartsWith("Nosy.Seed", StringComparison.Ordinal) && r.Contains("the process and its environment"));
        refusals.ShouldContain(r => r.StartsWith("Nosy.Leave", StringComparison.Ordinal) && r.Contains("System.Environment.Exit"));
        refusals.ShouldContain(r => r.StartsWith("Nosy.Start", StringComparison.Ordinal) && r.Contains("System.Diagnostics.Process.Start"));
    }

    [Test]
    public void Module_initializers_native_calls_extern_methods_and_overlapping_fields_are_refused_by_their_form()
    {
        IReadOnlyList<string> refusals = Refusals(1, """
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;
            namespace NeuralNet;
            internal static class Forms
            {
                [ModuleInitializer]
                internal static void Early() { }

                [DllImport("libc")]
                internal static extern int getpid();

                [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_data")]
                internal static extern ref double[] Data(Matrix m);
            }

            [StructLayout(LayoutKind.Explicit)]
            internal struct Overlap
            {
                [FieldOffset(0)] public long Bits;
                [FieldOffset(0)] public double Value;
            }

            public sealed class Matrix { }
            """);

        refusals.ShouldContain(r => r.Contains("a module initializer (code that runs as soon as the assembly is touched"));
        refusals.ShouldContain(r => r.StartsWith("Forms.getpid", StringComparison.Ordinal) && r.Contains("a P/Invoke"));
        refusals.ShouldContain(r => r.StartsWith("Forms.Data", StringComparison.Ordinal) && r.Contains("without a body"));
        refusals.ShouldContain(r => r.StartsWith("Forms.Data", StringComparison.Ordinal) && r.Contains("UnsafeAccessorAttribute"));
        refusals.ShouldContain(r => r.StartsWith("Overlap uses explicit field layout", StringComparison.Ordinal));
    }

    [Test]
    public void What_the_compiler_writes_for_inline_arrays_and_constant_data_is_not_the_learners_and_is_not_refused()
    {
        Refusals(1, """
            namespace NeuralNet;
            internal static class Compiled
            {
                internal static double Sum(double a, double b)
                {
                    ReadOnlySpan<double> pair = [a, b, a * b];
                    ReadOnlySpan<byte> bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
                    string name = a > 0 ? "one" : "two";
                    int code = name switch { "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, _ => 0 };
                    return pair[0] + pair[2] + bytes[3] + code;
                }
            }
            """).ShouldBeEmpty();
    }

    [Test]
    public void Many_refusals_in_one_assembly_are_cut_to_a_readable_number()
    {
        string methods = string.Concat(Enumerable.Range(0, 30).Select(i => $"    internal static void M{i}() => Environment.Exit({i});\n"));
        IReadOnlyList<string> refusals = Refusals(1, $"namespace NeuralNet;\ninternal static class Many\n{{\n{methods}}}\n");

        refusals.Count.ShouldBe(AllowedApi.MaxRefusalsPerAssembly + 1);
        refusals[^1].ShouldBe($"… and {30 - AllowedApi.MaxRefusalsPerAssembly} more uses of the same kind in Checkpoint01.LinearAlgebra.");
    }

    // Compiles the source as checkpoint N's learner assembly (with a portable PDB beside it) and checks it.
    private IReadOnlyList<string> Refusals(int checkpoint, string source)
    {
        string name = checkpoint switch
        {
            1 => "Checkpoint01.LinearAlgebra",
            4 => "Checkpoint04.Learning",
            9 => "Checkpoint09.TenDigits",
            12 => "Checkpoint12.FastMatMul",
            _ => $"Checkpoint{checkpoint:00}.Test",
        };
        string file = Path.Combine(_scratch, "exercises", name, "Learner.cs");
        SyntaxTree tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), new CSharpParseOptions(LanguageVersion.Preview), path: file);
        SyntaxTree usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            new CSharpParseOptions(LanguageVersion.Preview));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            name,
            [tree, usings],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        string dll = Path.Combine(_scratch, name + ".dll");
        using (FileStream pe = File.Create(dll), pdb = File.Create(Path.ChangeExtension(dll, ".pdb")))
        {
            EmitResult emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            ImmutableArray<Diagnostic> errors = [.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
            errors.ShouldBeEmpty("the learner file of the test must compile");
        }

        return Allowed.Refusals(dll);
    }
}
