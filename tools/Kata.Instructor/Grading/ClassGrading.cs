using System.Globalization;
using System.Text;

namespace Kata.Instructor.Grading;

/// <summary>
/// Grades a list of submissions with one session (pristine plan, MNIST, sandbox), at most
/// <c>jobs</c> at a time, and writes each one's grade.json and grade.md and the class's roster.csv.
/// The files do not depend on the number of jobs: each grade is a function of its submission alone, and
/// the roster follows the order the submissions were given in.
/// </summary>
public static class ClassGrading
{
    /// <summary>
    /// Grades every submission and writes its files into <paramref name="folderOf"/>(name). A
    /// <paramref name="classRun"/> also keeps the learner files the grade took (code/, which <c>./kata
    /// similar</c> and the class report compare) and moves an earlier grade to previous/ (a regrade). Calls
    /// <paramref name="graded"/> (one at a time) as each finishes.
    /// </summary>
    public static IReadOnlyList<SubmissionOutcome> GradeAll(
        GradingSession session,
        IReadOnlyList<SubmissionTarget> submissions,
        Func<string, string> folderOf,
        int? only,
        int jobs,
        TextWriter progress,
        Action<SubmissionOutcome, string> graded,
        bool classRun = false)
    {
        var outcomes = new SubmissionOutcome[submissions.Count];
        var gate = new Lock();
        DirectoryInfo clones = Directory.CreateTempSubdirectory("kata-clones-");
        try
        {
            Parallel.For(0, submissions.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
            {
                SubmissionTarget target = submissions[i];
                string folder = folderOf(target.Name);
                TextWriter log = jobs > 1 ? new PrefixWriter(progress, gate, target.Name) : progress;
                SubmissionOutcome outcome;
                try
                {
                    string dir = Submission.Fetch(target.Target, Path.Combine(clones.FullName, target.Name));
                    GradeReport grade = new Grader(session, log).Grade(target.Name, dir, Path.Combine(folder, "logs"), only);
                    if (classRun)
                    {
                        Regrade.KeepPrevious(folder);
                    }

                    GradeFiles.Write(folder, grade);
                    if (classRun)
                    {
                        Similarity.SimilarityInputs.Keep(session.Pristine, dir, folder);
                    }

                    File.Delete(Path.Combine(folder, ClassReport.ErrorFile));
                    outcome = new SubmissionOutcome(target, grade, null);
                }
#pragma warning disable CA1031 // A class run survives any one submission: whatever grading it throws becomes its row.
                catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    string why = error is IOException or InvalidOperationException or UnauthorizedAccessException or KataException
                        ? error.Message
                        : $"grading failed ({error.GetType().Name}: {error.Message}); the other submissions were graded";
                    outcome = new SubmissionOutcome(target, null, why);
                    if (classRun && Directory.Exists(folder))
                    {
                        Regrade.KeepPrevious(folder);
                    }

                    WriteError(folder, why);
                }

                outcomes[i] = outcome;
                lock (gate)
                {
                    try
                    {
                        graded(outcome, folder);
                    }
#pragma warning disable CA1031 // Printing one submission's line must not end the class run.
                    catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        progress.WriteLine($"[{target.Name}] could not be reported: {error.Message}");
                    }
                }
            });
        }
        finally
        {
            clones.Delete(recursive: true);
        }

        return outcomes;
    }

    /// <summary>roster.csv: one row per submission in the order given; every field from a submission escaped.</summary>
    public static string Roster(IEnumerable<SubmissionOutcome> outcomes)
    {
        var csv = new StringBuilder("submission,score,maxScore,pointsToConfirm,needsReading,bonusScore,maxBonusScore,passed,mnistAccuracy,furthestCheckpoint,flags,tamperedFiles,error\n");
        foreach (SubmissionOutcome o in outcomes)
        {
            if (o.Grade is not { } g)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{TextEscaping.Csv(o.Submission.Name)},,,,,,,false,,,,,{TextEscaping.Csv(o.Error ?? "not graded")}");
                continue;
            }

            int furthest = ClassReport.Furthest(g);
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{TextEscaping.Csv(g.Submission)},{GradeReport.Number(g.Score)},{g.MaxScore},{GradeReport.Number(g.PointsToConfirm)},{TextEscaping.Csv(string.Join(' ', g.NeedsReading.Select(n => $"checkpoint {n}")))},"
                + $"{GradeReport.Number(g.BonusScore)},{g.MaxBonusScore},{(g.Passed ? "true" : "false")},"
                + $"{(g.Mnist.Accuracy is double a ? a.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty)},{furthest},"
                + $"{TextEscaping.Csv(string.Join(' ', g.Flags.Select(f => f.Kind).Distinct()))},{g.Tampered.Count},");
        }

        return csv.ToString();
    }

    /// <summary>
    /// Leaves why a submission was not graded in its folder (error.txt, which <c>./kata report</c> reads)
    /// instead of an earlier grade (and its code) that would mislead.
    /// </summary>
    public static void WriteError(string folder, string why)
    {
        try
        {
            Directory.CreateDirectory(folder);
            File.Delete(Path.Combine(folder, "grade.json"));
            File.Delete(Path.Combine(folder, "grade.md"));
            if (Directory.Exists(Path.Combine(folder, Similarity.SimilarityInputs.CodeFolder)))
            {
                Directory.Delete(Path.Combine(folder, Similarity.SimilarityInputs.CodeFolder), recursive: true);
            }

            GradeFiles.WriteAtomically(Path.Combine(folder, ClassReport.ErrorFile), TextEscaping.Plain(why) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The roster still says why; only the folder lacks the note.
        }
    }

    // Progress of parallel grades, each line prefixed with its submission.
    private sealed class PrefixWriter(TextWriter inner, Lock gate, string prefix) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void WriteLine(string? value)
        {
            lock (gate)
            {
                inner.WriteLine($"[{prefix}] {value}");
            }
        }
    }
}
