using System.Text;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Learner;

/// <summary>
/// Finds the stubs as the kata shipped them, in git's history: for each file of the checkpoint's
/// exercise folder, the newest committed version that has the most stubs (methods throwing
/// NotImplementedException, placeholder lines). A learner's commits fill stubs in, so they never win;
/// a maintainer's later fix to a stub's message does. Files without stubs (provided code, the
/// project file) are not stubs and are left alone.
/// </summary>
public static class PristineCopy
{
    /// <summary>The stub files of <paramref name="checkpoint"/>.</summary>
    /// <exception cref="KataException">This copy has no git history, or git knows no stubs of this checkpoint.</exception>
    public static IReadOnlyList<PristineFile> Find(string root, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        string folder = $"exercises/{checkpoint.Project}/";
        if (Git.Run(root, "rev-parse", "--verify", "--quiet", "HEAD") is null)
        {
            throw new KataException(
                "kata reset takes the stubs from git's history, and this copy of the kata has none. "
                + $"Copy {folder} from a fresh download of the kata instead.",
                ExitCodes.Environment);
        }

        IReadOnlyList<string> files = Git.Lines(root, "ls-tree", "-r", "--name-only", "HEAD", "--", folder);
        if (files.Count == 0)
        {
            throw new KataException(
                $"This copy of the kata has no {folder} in git yet, so there is nothing to reset. Update your copy (git pull) to get {checkpoint.Name}.",
                ExitCodes.Environment);
        }

        var stubs = new List<PristineFile>();
        foreach (string path in files)
        {
            PristineFile? best = null;
            int bestCount = 0;
            foreach (string commit in Git.Lines(root, "log", "--format=%H", "HEAD", "--", path))
            {
                if (Git.Run(root, "show", $"{commit}:{path}") is not { } content)
                {
                    continue; // The commit deleted the file.
                }

                int count = Stubs.Count(Encoding.UTF8.GetString(content));
                if (count > bestCount)
                {
                    (best, bestCount) = (new PristineFile(path, content, commit), count);
                }
            }

            if (best is not null)
            {
                stubs.Add(best);
            }
        }

        return stubs.Count > 0
            ? stubs
            : throw new KataException(
                $"git's history has no stubs in {folder}, so there is nothing to reset it to. Is {checkpoint.Project} the right folder in curriculum.json?",
                ExitCodes.Environment);
    }
}
