using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Grading;

/// <summary>
/// What the pristine kata is, computed once from its own build of the stubs (trusted code: no submission
/// takes part): every test with its checkpoint, kind and graded methods, and the learner assemblies'
/// public API. The set and number of tests of a grade come from here, never from a submission's run.
/// </summary>
/// <param name="Hash">SHA-256 of the pristine files that make the plan.</param>
/// <param name="Tests">Every test, hold-outs and rules included.</param>
/// <param name="Api">The stubs' public API (<see cref="LearnerAssemblies.PublicApi"/>).</param>
public sealed record Plan(string Hash, IReadOnlyList<PlannedTest> Tests, IReadOnlyList<string> Api)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// The plan of the kata at <paramref name="pristine"/>, from <paramref name="cacheDirectory"/> when it
    /// was made before for the same files, else built now (a build and a listing run: about half a minute).
    /// </summary>
    public static Plan For(string pristine, string cacheDirectory, TextWriter progress)
    {
        string hash = HashOf(pristine);
        string cached = Path.Combine(cacheDirectory, $"plan-{hash[..16]}.json");
        if (File.Exists(cached) && JsonSerializer.Deserialize<Plan>(File.ReadAllText(cached), Json) is { } known && known.Hash == hash)
        {
            return known;
        }

        progress.WriteLine("Listing the pristine tests and API (once for this version of the kata) …");
        using BuildFolder folder = BuildFolder.Take(cacheDirectory);
        string root = folder.Path;
        Workspace.Synchronize(root, PlanFiles(pristine).ToDictionary(relative => relative, relative => Path.Combine(pristine, relative), StringComparer.Ordinal));

        string logs = Path.Combine(cacheDirectory, "logs");
        if (!DotnetTest.Build(root, "exercises", Path.Combine(logs, "plan-build.log")))
        {
            throw new KataException($"The pristine kata at {pristine} does not build; see {Path.Combine(logs, "plan-build.log")}.", ExitCodes.Environment);
        }

        // Listed until two listings name the same tests: once, one listing here came back without one of the
        // 1,028 tests (VSTest counted 1,027), and a plan is kept for every later grade. Two seconds more.
        TestRunReport List(int attempt) => DotnetTest.Run(
            root,
            "exercises",
            Path.Combine(logs, attempt == 1 ? "plan-list.log" : $"plan-list-{attempt}.log"),
            new Dictionary<string, string?> { ["KATA_GRADE"] = "1", ["KATA_PLAN"] = "1" },
            timeout: TimeSpan.FromMinutes(10),
            target: Grader.TestAssembly(root));
        static string[] Names(TestRunReport run) => [.. run.Tests.Select(t => t.FullyQualifiedName).Order(StringComparer.Ordinal)];
        TestRunReport listing = List(1);
        for (int attempt = 2; ; attempt++)
        {
            if (listing.Tests.Count == 0)
            {
                throw new KataException($"The pristine kata at {pristine} lists no tests; see {listing.LogPath}.", ExitCodes.Environment);
            }

            TestRunReport again = List(attempt);
            if (Names(again).SequenceEqual(Names(listing), StringComparer.Ordinal))
            {
                break;
            }

            if (attempt == 4)
            {
                throw new KataException($"The pristine kata at {pristine} lists different tests each time ({listing.Tests.Count}, then {again.Tests.Count}); nothing can be graded against it. See {listing.LogPath} and {again.LogPath}.", ExitCodes.Environment);
            }

            listing = again.Tests.Count > listing.Tests.Count ? again : listing;
        }

        IReadOnlyList<string> stubs = LearnerAssemblies.Find(root);
        var plan = new Plan(
            hash,
            [
                .. listing.Tests
                    .Select(t => new PlannedTest(t.FullyQualifiedName, t.Name, t.Checkpoint, t.Kind, t.Grades ?? [], t.GradedRun))
                    .OrderBy(t => t.FullyQualifiedName, StringComparer.Ordinal),
            ],
            LearnerAssemblies.PublicApi(stubs));
        Directory.CreateDirectory(cacheDirectory);
        KeepApiAssemblies(stubs, ApiFolder(cacheDirectory, hash));
        string temp = $"{cached}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp"; // commands planning at once do not share it
        File.WriteAllText(temp, JsonSerializer.Serialize(plan, Json));
        File.Move(temp, cached, overwrite: true);
        return plan;
    }

    /// <summary>
    /// The folder of the stubs' learner assemblies kept beside the plan of <paramref name="hash"/> in
    /// <paramref name="cacheDirectory"/>, or null when that plan was made without it (an older cache, a
    /// plan copied in alone). Grades compile against these (Directory.Build.targets, KataPristineApi).
    /// </summary>
    public static string? ApiAssemblies(string cacheDirectory, string hash) =>
        Directory.Exists(ApiFolder(cacheDirectory, hash)) ? ApiFolder(cacheDirectory, hash) : null;

    private static string ApiFolder(string cacheDirectory, string hash) => Path.Combine(cacheDirectory, $"api-{hash[..16]}");

    // The stubs' assemblies of the plan build, the public API every grade's learner code must have: written
    // to a folder of its own and moved into place whole, so a folder that exists is complete.
    private static void KeepApiAssemblies(IReadOnlyList<string> stubs, string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        string temp = Directory.CreateDirectory($"{folder}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp").FullName;
        foreach (string assembly in stubs)
        {
            File.Copy(assembly, Path.Combine(temp, Path.GetFileName(assembly)));
        }

        try
        {
            Directory.Move(temp, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(temp, recursive: true); // another command kept the same files first
        }
    }

    // Where plans are built: a folder of the cache kept from one plan to the next (a new version of the
    // kata — a test fixed before a regrade — then recompiles only what changed), or, while another
    // process builds a plan there, a folder of its own.
    private sealed class BuildFolder : IDisposable
    {
        private readonly FileStream? _lock;
        private readonly bool _temporary;

        private BuildFolder(string path, FileStream? held, bool temporary)
        {
            Path = path;
            _lock = held;
            _temporary = temporary;
        }

        public string Path { get; }

        public static BuildFolder Take(string cacheDirectory)
        {
            Directory.CreateDirectory(cacheDirectory);
            try
            {
                var held = new FileStream(System.IO.Path.Combine(cacheDirectory, "plan-build.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new BuildFolder(Directory.CreateDirectory(System.IO.Path.Combine(cacheDirectory, "plan-build")).FullName, held, temporary: false);
            }
            catch (IOException)
            {
                return new BuildFolder(Directory.CreateTempSubdirectory("kata-plan-").FullName, null, temporary: true);
            }
        }

        public void Dispose()
        {
            _lock?.Dispose();
            if (_temporary)
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }

    /// <summary>The pristine files a plan depends on: tests, test support, stubs and build configuration.</summary>
    public static IReadOnlyList<string> PlanFiles(string pristine)
    {
        FileRoles roles = Workspace.RolesOf(pristine);
        return
        [
            .. Workspace.ListFiles(pristine).Keys
                .Where(relative => relative.StartsWith("exercises/", StringComparison.Ordinal) || roles.IsBuildInput(relative))
                .Order(StringComparer.Ordinal),
        ];
    }

    private static string HashOf(string pristine)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string relative in PlanFiles(pristine))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(pristine, relative))));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
