using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Kata.Core;

namespace Kata.Tests.Rules;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The rules of the kata itself, checked on every run: learner code uses only the .NET base library,
/// and each provided file exists once (that the two tracks have the same projects is checked in
/// Tracks/TrackRules.cs, which the learner release leaves out). These belong to no checkpoint and earn
/// no points; the grader refuses a submission that breaks them.
/// </summary>
[KataRules]
public sealed class LearnerCodeRules
{
    private static readonly string Root = KataPaths.Root;

    private static IEnumerable<string> Tracks() =>
        new[] { "exercises", "solutions" }.Where(t => Directory.Exists(Path.Combine(Root, t)));

    private static IEnumerable<string> LearnerProjects() =>
        Tracks().SelectMany(t => Directory.EnumerateFiles(Path.Combine(Root, t), "*.csproj", SearchOption.AllDirectories));

    [Test]
    public void Learner_projects_reference_no_NuGet_packages()
    {
        string[] offenders =
        [
            .. from project in LearnerProjects()
               from reference in XDocument.Load(project).Descendants()
               where reference.Name.LocalName is "PackageReference" or "PackageVersion" or "Reference"
               select $"{Path.GetRelativePath(Root, project)} references {reference.Attribute("Include")?.Value}",
        ];

        offenders.ShouldBeEmpty("learner code is BCL-only: remove these references and write the code yourself");
    }

    // Every checkpoint's assembly beside the tests (the test project references them all), bonus ones included.
    private static Assembly[] LearnerAssemblies() =>
    [
        .. Directory.EnumerateFiles(AppContext.BaseDirectory, "Checkpoint*.dll")
            .Select(file => Assembly.Load(AssemblyName.GetAssemblyName(file)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal),
    ];

    [Test]
    public void Learner_assemblies_depend_only_on_the_dotnet_base_library_and_each_other()
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        Assembly[] learner = LearnerAssemblies();

        string[] foreign =
        [
            .. from assembly in learner
               from reference in assembly.GetReferencedAssemblies()
               where !reference.Name!.StartsWith("Checkpoint", StringComparison.Ordinal)
                     && !File.Exists(Path.Combine(runtime, reference.Name + ".dll"))
               select $"{assembly.GetName().Name} uses {reference.Name}",
        ];

        learner.ShouldNotBeEmpty();
        foreign.ShouldBeEmpty("learner code may use only the .NET base library");
    }

    [Test]
    public void Learner_code_uses_only_what_the_kata_allows()
    {
        // The grader refuses a submission whose compiled code uses anything outside the kata's allowlist
        // (reflection, raw memory, the process and its environment, …), before any of it runs; this is the
        // same check, so that you meet it here first. Each line names your method, what it uses and why.
        AllowedApi allowed = AllowedApi.Load(Root);
        string[] refused =
        [
            .. Directory.EnumerateFiles(AppContext.BaseDirectory, "Checkpoint*.dll")
                .Order(StringComparer.Ordinal)
                .SelectMany(dll => allowed.Refusals(dll, withTail: false)),
        ];

        refused.ShouldBeEmpty($"change the code these lines name: {allowed.Tail}");
    }

    [Test]
    public void Learner_code_keeps_the_public_API_of_the_kata()
    {
        // Grading refuses code whose public API differs from the stubs': a public helper could stand in
        // for what a test calls. Add helpers as private or internal.
        string listing = Path.Combine(Root, PublicApi.FileName);
        string[] expected = [.. File.ReadAllLines(listing).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        IReadOnlyList<string> actual = PublicApi.Describe(LearnerAssemblies().SelectMany(a => a.GetExportedTypes()));

        PublicApi.Differences(expected, actual).ShouldBeEmpty(
            $"the public API of your code must be the kata's ({PublicApi.FileName}); maintainers regenerate the listing with ./kata docs");
    }

    [Test]
    public void Provided_files_are_named_in_their_project_and_exist_only_in_exercises()
    {
        string exercises = Path.Combine(Root, "exercises");
        static bool IsProvided(string file) => File.ReadLines(file).FirstOrDefault()?.StartsWith("// PROVIDED", StringComparison.Ordinal) == true;
        var problems = new List<string>();
        int provided = 0;
        foreach (string project in Directory.EnumerateFiles(exercises, "*.csproj", SearchOption.AllDirectories))
        {
            string folder = Path.GetDirectoryName(project)!;
            string[] marked = [.. Directory.EnumerateFiles(folder, "*.cs").Where(IsProvided).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            string[] named = [.. XDocument.Load(project).Descendants("KataProvided").Select(e => e.Attribute("Include")?.Value ?? string.Empty).Order(StringComparer.Ordinal)];
            provided += marked.Length;
            if (!marked.SequenceEqual(named))
            {
                problems.Add($"{Path.GetRelativePath(Root, project)} names [{string.Join(", ", named)}] as KataProvided, but its files marked // PROVIDED are [{string.Join(", ", marked)}]");
            }
        }

        if (Directory.Exists(Path.Combine(Root, "solutions")))
        {
            problems.AddRange(
                Directory.EnumerateFiles(Path.Combine(Root, "solutions"), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && IsProvided(f))
                    .Select(f => $"{Path.GetRelativePath(Root, f)} is a copy of a provided file: the solutions compile the one in exercises/ (Directory.Build.targets); delete the copy"));
        }

        provided.ShouldBePositive("the Matrix type, at least, is provided");
        problems.ShouldBeEmpty("a provided file exists once, in exercises/, and its project names it as a KataProvided item");
    }
}
