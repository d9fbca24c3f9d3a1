using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kata.Core;

/// <summary>
/// What each file of the kata is for, read from <c>file-roles.json</c>: the learner's code, the reference
/// solutions, the instructor's files (never released), the tests' build inputs and the files a grade
/// watches for tampering. The release, the grader's workspace, the plan cache, the rules and the docs all
/// ask this one list instead of testing paths of their own.
/// </summary>
public sealed partial class FileRoles
{
    /// <summary>The manifest's name, in the kata's folder.</summary>
    public const string FileName = "file-roles.json";

    private readonly Dictionary<string, Role> _roles;

    private FileRoles(IReadOnlyList<Role> roles)
    {
        All = roles;
        _roles = roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>Every role, in the manifest's order.</summary>
    public IReadOnlyList<Role> All { get; }

    /// <summary>A file a submission supplies: the learner's code in a checkpoint folder.</summary>
    public bool IsLearner(string relative) => Is("learner", relative);

    /// <summary>A file of the reference track, never copied into a grading workspace.</summary>
    public bool IsSolutions(string relative) => Is("solutions", relative);

    /// <summary>A file that never ships to learners.</summary>
    public bool IsInstructorOnly(string relative) => Is("instructor", relative);

    /// <summary>A file the tests are built from besides the learner's code.</summary>
    public bool IsBuildInput(string relative) => Is("buildInput", relative);

    /// <summary>A file whose change a grade reports (the original is used).</summary>
    public bool IsGradingFile(string relative) => Is("grading", relative);

    private bool Is(string role, string relative) =>
        _roles.TryGetValue(role, out Role? r)
            ? r.Matches(relative)
            : throw new InvalidDataException($"{FileName} has no role \"{role}\"; restore the file with git.");

    /// <summary>Reads the manifest from <paramref name="root"/> (default: <see cref="KataPaths.Root"/>).</summary>
    public static FileRoles Load(string? root = null)
    {
        string path = Path.Combine(root ?? KataPaths.Root, FileName);
        ManifestFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({error.Message}). Fix the file or restore it with git.", error);
        }
        catch (FileNotFoundException error)
        {
            throw new InvalidDataException($"{path} is missing: the kata needs it to know which files are whose. Restore it with git.", error);
        }

        if (file?.Roles is not { Count: > 0 } roles || roles.Any(r => string.IsNullOrEmpty(r.Name) || r.Patterns is not { Count: > 0 }))
        {
            throw new InvalidDataException($"{path}: every role needs a name and at least one pattern.");
        }

        return new FileRoles([.. roles.Select(r => new Role(r.Name!, r.About ?? string.Empty, r.Patterns!))]);
    }

    /// <summary>The roles as a markdown table, for docs/architecture.md (between the markers of <see cref="Apply"/>).</summary>
    public string Markdown()
    {
        var text = new StringBuilder("| Role | What it is | Files |\n|---|---|---|\n");
        foreach (Role role in All)
        {
            text.Append("| `").Append(role.Name).Append("` | ").Append(role.About).Append(" | ")
                .Append(string.Join(", ", role.Patterns.Select(p => $"`{p}`"))).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary><paramref name="markdown"/> with its <c>&lt;!-- file-roles --&gt;</c> block replaced by <see cref="Markdown"/>.</summary>
    public string Apply(string markdown) =>
        Block().Replace(markdown, _ => $"{StartMarker}\n{Markdown()}{EndMarker}");

    /// <summary>The page that shows the roles.</summary>
    public const string DocsPath = "docs/architecture.md";

    /// <summary>The markers around the generated table.</summary>
    public const string StartMarker = "<!-- file-roles -->", EndMarker = "<!-- /file-roles -->";

    [GeneratedRegex(@"<!-- file-roles -->.*?<!-- /file-roles -->", RegexOptions.Singleline)]
    private static partial Regex Block();

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private sealed record ManifestFile(List<RoleFile>? Roles);

    private sealed record RoleFile(string? Name, string? About, List<string>? Patterns);

    /// <summary>One role: its name, what it means, and its patterns ('*' within a folder, '**' across folders, '!' to exclude).</summary>
    public sealed class Role
    {
        private readonly Regex[] _include;
        private readonly Regex[] _exclude;

        internal Role(string name, string about, IReadOnlyList<string> patterns)
        {
            Name = name;
            About = about;
            Patterns = patterns;
            _include = [.. patterns.Where(p => !p.StartsWith('!')).Select(ToRegex)];
            _exclude = [.. patterns.Where(p => p.StartsWith('!')).Select(p => ToRegex(p[1..]))];
        }

        public string Name { get; }

        public string About { get; }

        public IReadOnlyList<string> Patterns { get; }

        /// <summary>True when <paramref name="relative"/> (a path from the kata's folder, with '/') has this role.</summary>
        public bool Matches(string relative) =>
            _include.Any(r => r.IsMatch(relative)) && !_exclude.Any(r => r.IsMatch(relative));

        // A glob as an anchored expression: "**/" any folders (or none), a trailing "/**" everything below,
        // "**" anything, "*" and "?" within one folder.
        private static Regex ToRegex(string glob)
        {
            var pattern = new StringBuilder("^");
            for (int i = 0; i < glob.Length; i++)
            {
                if (glob.AsSpan(i).StartsWith("**/"))
                {
                    pattern.Append("(?:.*/)?");
                    i += 2;
                }
                else if (glob.AsSpan(i).StartsWith("/**") && i + 3 == glob.Length)
                {
                    pattern.Append("/.*");
                    i += 2;
                }
                else if (glob.AsSpan(i).StartsWith("**"))
                {
                    pattern.Append(".*");
                    i++;
                }
                else
                {
                    pattern.Append(glob[i] switch
                    {
                        '*' => "[^/]*",
                        '?' => "[^/]",
                        char c => Regex.Escape(c.ToString()),
                    });
                }
            }

            return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
    }
}
