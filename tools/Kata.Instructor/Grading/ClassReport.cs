using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kata.Instructor.Similarity;

namespace Kata.Instructor.Grading;

/// <summary>
/// The class at a glance: <c>report.html</c>, one static page with no network and no code but its own
/// (a Content-Security-Policy allows only its own style and script, by hash): the roster, sortable by name,
/// score and furthest checkpoint; how many learners completed each checkpoint; the MNIST accuracies as a
/// histogram; the tests that fail most often where learners wrote code, with their failure text; and the
/// submissions to look at (edited tests, runaway code, crashes, forged results, broken rules). Every text
/// that came from a submission is escaped. Like grade.json, the page is a function of the grades alone.
/// </summary>
public static class ClassReport
{
    /// <summary>How many of the most often failing tests the report lists.</summary>
    public const int FailingTests = 10;

    private const string NotImplemented = "Not implemented yet.";

    /// <summary>The highest checkpoint whose tests all pass (0 when none does), as roster.csv says.</summary>
    public static int Furthest(GradeReport grade) =>
        grade.Checkpoints.Where(Completed).Select(c => c.Id).DefaultIfEmpty(0).Max();

    /// <summary>Every test of the checkpoint passes.</summary>
    public static bool Completed(CheckpointGrade checkpoint) => checkpoint.Total > 0 && checkpoint.Passed == checkpoint.Total;

    /// <summary>What a grade folder holds when its submission could not be graded (a failed clone, say): one line why.</summary>
    public const string ErrorFile = "error.txt";

    /// <summary>
    /// The outcomes in a class's output folder, one subfolder per submission (grade.json, or error.txt when
    /// it could not be graded), as the class workflow's grading jobs and <c>./kata grade … --out</c> leave
    /// them. With <paramref name="names"/> (the submissions expected, in roster order) a missing folder is a
    /// row saying no grade arrived; without, every subfolder with a grade.json or error.txt, by name.
    /// A grade.json that does not read as a grade is a row saying so.
    /// </summary>
    public static IReadOnlyList<SubmissionOutcome> Read(string directory, IReadOnlyList<string>? names)
    {
        names ??= [.. Directory.EnumerateDirectories(directory)
            .Where(d => File.Exists(Path.Combine(d, "grade.json")) || File.Exists(Path.Combine(d, ErrorFile)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)];
        return [.. names.Select(name => ReadOne(Path.Combine(directory, name), new SubmissionTarget(name, name)))];
    }

    private static SubmissionOutcome ReadOne(string folder, SubmissionTarget target)
    {
        string json = Path.Combine(folder, "grade.json");
        string error = Path.Combine(folder, ErrorFile);
        if (File.Exists(error))
        {
            string why = string.Join(' ', File.ReadLines(error).Take(5).Select(l => l.Trim()).Where(l => l.Length > 0));
            return new SubmissionOutcome(target, null, why.Length > 0 ? why : "not graded (no reason given)");
        }

        if (!File.Exists(json))
        {
            return new SubmissionOutcome(target, null, "no grade arrived: its grading job failed or was cancelled before it wrote one (see the job's log)");
        }

        try
        {
            return GradeReport.FromJson(File.ReadAllText(json)) is { } grade && IsWhole(grade)
                ? new SubmissionOutcome(target, grade, null)
                : new SubmissionOutcome(target, null, "its grade.json is incomplete");
        }
        catch (System.Text.Json.JsonException e)
        {
            return new SubmissionOutcome(target, null, $"its grade.json does not read as a grade ({e.Message})");
        }
    }

    // Every list and record a report reads is there (System.Text.Json leaves a missing one null).
    private static bool IsWhole(GradeReport g) =>
        g.Submission is not null && g.Mnist is not null && g.Rules?.Problems is not null && g.Build?.Errors is not null
        && g.Tampered is not null && g.Ignored is not null && g.NeedsReading is not null
        && g.Flags is not null && g.Flags.All(f => f is { Kind: not null, Detail: not null })
        && g.Checkpoints is not null && g.Checkpoints.All(c => c is { Title: not null, Status: not null, Methods: not null, Failures: not null }
            && c.Failures.All(f => f is { Test: not null, Message: not null }) && c.Methods.All(m => m is { Method: not null }));

    /// <summary>
    /// report.html for the submissions, in the order given, with the pairs of <paramref name="similarity"/>
    /// (null: not compared) and, after a regrade, the grades that changed (<paramref name="regrade"/>).
    /// </summary>
    public static string Html(IReadOnlyList<SubmissionOutcome> outcomes, SimilarityReport? similarity = null, RegradeReport? regrade = null)
    {
        var grades = outcomes.Where(o => o.Grade is not null).Select(o => o.Grade!).ToList();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'">
            <title>Class report · Neural Net from Scratch</title>
            <style>{Style}</style>
            </head>
            <body>
            <header>
            <h1>Class report</h1>
            <p id="summary">{Summary(outcomes, grades)}</p>
            </header>
            <main>
            <div class="charts">

            """);
        html.Append(CheckpointBars(grades));
        html.Append(MnistHistogram(grades));
        html.AppendLine("</div>");
        html.Append(RegradeSection(regrade));
        html.Append(FlaggedSubmissions(grades));
        html.Append(SimilarityHtml.Section(similarity));
        html.Append(FailingTestsSection(grades));
        html.Append(RosterTable(outcomes));
        html.Append(CultureInfo.InvariantCulture, $"""
            </main>
            <footer>Written by <code>./kata grade</code> or <code>./kata report</code> from the submissions' grade.json files; roster.csv holds the same numbers.</footer>
            <script>{Script}</script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>
    /// The class in markdown, for the job summary of the class workflow: counts per checkpoint, the failing
    /// tests, the grades a regrade changed, the pairs of <paramref name="similarity"/> that are unusually
    /// alike, the roster.
    /// </summary>
    public static string Markdown(IReadOnlyList<SubmissionOutcome> outcomes, SimilarityReport? similarity = null, RegradeReport? regrade = null)
    {
        var grades = outcomes.Where(o => o.Grade is not null).Select(o => o.Grade!).ToList();
        var md = new StringBuilder();
        md.AppendLine("## Class report");
        md.AppendLine();
        md.AppendLine(Summary(outcomes, grades));
        md.AppendLine();
        if (grades.Count > 0)
        {
            md.AppendLine("| Checkpoint | Completed | Some tests pass |");
            md.AppendLine("|---|---:|---:|");
            foreach ((int id, string title, bool required) in Checkpoints(grades))
            {
                (int completed, int started) = Progress(grades, id);
                md.AppendLine(CultureInfo.InvariantCulture, $"| {id}. {TextEscaping.Markdown(title)}{(required ? string.Empty : " (bonus)")} | {completed} of {grades.Count} | {started} |");
            }

            md.AppendLine();
        }

        var failing = MostFailing(grades);
        if (failing.Count > 0)
        {
            md.AppendLine("**The tests that fail most often where learners wrote code:**");
            md.AppendLine();
            foreach (FailingTest f in failing)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"1. checkpoint {f.Checkpoint}, {TextEscaping.Markdown(f.Test)}: fails for {f.Submissions} — {TextEscaping.Markdown(f.Message)}");
            }

            md.AppendLine();
        }

        if (regrade is not null)
        {
            md.AppendLine(regrade.Text(markdown: true));
        }

        if (similarity is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Similar submissions:** {TextEscaping.Markdown(SimilarityText.Summary(similarity))}");
            md.AppendLine();
            foreach (SimilarPair pair in similarity.Flagged)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {TextEscaping.Markdown(pair.A)} and {TextEscaping.Markdown(pair.B)}: {SimilarityText.Percent(pair.Similarity)} alike; {TextEscaping.Markdown(SimilarityText.Numbers(pair))}");
            }

            if (similarity.Flagged.Count > 0)
            {
                md.AppendLine();
            }
        }

        md.AppendLine("| Submission | Score | Furthest checkpoint | MNIST | Passed | Flags |");
        md.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (SubmissionOutcome o in outcomes)
        {
            md.AppendLine(o.Grade is { } g
                ? $"| {TextEscaping.Markdown(g.Submission)} | {TextEscaping.Markdown(g.ScoreText())} | {Furthest(g)} | {GradeReport.Percent(g.Mnist.Accuracy)} | {(g.Passed ? "yes" : "no")} | {TextEscaping.Markdown(FlagKinds(g))} |"
                : $"| {TextEscaping.Markdown(o.Submission.Name)} | not graded: {TextEscaping.Markdown(o.Error ?? string.Empty)} | | | no | |");
        }

        md.AppendLine();
        md.AppendLine("The class report (report.html) and roster.csv are in the run's artifacts.");
        return md.ToString();
    }

    /// <summary>One of the tests that fail most often: how many submissions it fails in, and its most common message.</summary>
    public sealed record FailingTest(int Checkpoint, string Test, int Submissions, string Message, int OtherMessages);

    /// <summary>
    /// The tests that fail most often across the class where learners wrote code: in the checkpoints a
    /// learner has started (some of its tests pass), and not a stub's "Not implemented yet" (untouched
    /// code says where learners are, not what they got wrong). Most often first, then by checkpoint and
    /// name; each with its most common message.
    /// </summary>
    public static IReadOnlyList<FailingTest> MostFailing(IReadOnlyList<GradeReport> grades) =>
    [
        .. grades
            .SelectMany(g => g.Checkpoints.Where(c => c.Passed > 0).SelectMany(c => c.Failures.Select(f => (c.Id, f.Test, f.Message))))
            .Where(f => !f.Message.StartsWith(NotImplemented, StringComparison.Ordinal))
            .GroupBy(f => (f.Id, f.Test))
            .Select(g =>
            {
                var messages = g.GroupBy(f => f.Message, StringComparer.Ordinal)
                    .OrderByDescending(m => m.Count()).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
                return new FailingTest(g.Key.Id, g.Key.Test, g.Count(), messages[0].Key, messages.Count - 1);
            })
            .OrderByDescending(f => f.Submissions).ThenBy(f => f.Checkpoint).ThenBy(f => f.Test, StringComparer.Ordinal)
            .Take(FailingTests),
    ];

    private static string Summary(IReadOnlyList<SubmissionOutcome> outcomes, List<GradeReport> grades)
    {
        string average = grades.Count == 0 ? string.Empty
            : $" Average score {GradeReport.Number(Math.Round(grades.Average(g => g.Score), 1))} of {grades[0].MaxScore}.";
        int notGraded = outcomes.Count - grades.Count;
        return $"{Count(outcomes.Count, "submission")}: {grades.Count} graded, {grades.Count(g => g.Passed)} passed"
            + (notGraded > 0 ? $", {notGraded} not graded" : string.Empty) + $", {grades.Count(g => g.Flags.Count > 0)} flagged.{average}";
    }

    private static IEnumerable<(int Id, string Title, bool Required)> Checkpoints(List<GradeReport> grades) =>
        grades.SelectMany(g => g.Checkpoints).GroupBy(c => c.Id).OrderBy(g => g.Key).Select(g => (g.Key, g.First().Title, g.First().Required));

    private static (int Completed, int Started) Progress(List<GradeReport> grades, int id)
    {
        var theirs = grades.Select(g => g.Checkpoints.FirstOrDefault(c => c.Id == id)).Where(c => c is not null).ToList();
        return (theirs.Count(c => Completed(c!)), theirs.Count(c => c!.Passed > 0 && !Completed(c)));
    }

    // One bar per checkpoint: dark for the learners who completed it, light for those with some tests passing.
    private static string CheckpointBars(List<GradeReport> grades)
    {
        var rows = Checkpoints(grades).ToList();
        const int Label = 230, Bar = 300, Row = 28;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <section id="checkpoints">
            <h2>How far the class got</h2>
            <p class="legend"><span class="key done"></span> completed <span class="key started"></span> some tests pass</p>
            <svg role="img" aria-label="Learners who completed each checkpoint" width="{Label + Bar + 90}" height="{(rows.Count * Row) + 8}" viewBox="0 0 {Label + Bar + 90} {(rows.Count * Row) + 8}">

            """);
        for (int i = 0; i < rows.Count; i++)
        {
            (int id, string title, bool required) = rows[i];
            (int completed, int started) = Progress(grades, id);
            double done = grades.Count == 0 ? 0 : Bar * (double)completed / grades.Count;
            double some = grades.Count == 0 ? 0 : Bar * (double)started / grades.Count;
            int y = (i * Row) + 4;
            string name = TextEscaping.Html($"{id}. {title}{(required ? string.Empty : " (bonus)")}");
            svg.Append(CultureInfo.InvariantCulture, $"""
                <g class="checkpoint" data-checkpoint="{id}" data-completed="{completed}" data-started="{started}"><title>{name}: {completed} of {grades.Count} completed, {started} more with some tests passing</title>
                <text x="0" y="{y + 15}">{name}</text>
                <rect class="track" x="{Label}" y="{y}" width="{Bar}" height="20"/>
                <rect class="done" x="{Label}" y="{y}" width="{done:0.#}" height="20"/>
                <rect class="started" x="{Label + done:0.#}" y="{y}" width="{some:0.#}" height="20"/>
                <text x="{Label + Bar + 8}" y="{y + 15}">{completed} of {grades.Count}</text></g>

                """);
        }

        svg.AppendLine("</svg>").AppendLine("</section>");
        return svg.ToString();
    }

    // The accuracies the grader computed, in bins of 5 points from 50 % up, with the threshold marked.
    private static string MnistHistogram(List<GradeReport> grades)
    {
        var accuracies = grades.Where(g => g.Mnist.Accuracy is not null).Select(g => g.Mnist.Accuracy!.Value).ToList();
        string[] labels = ["< 50", .. Enumerable.Range(0, 10).Select(b => $"{50 + (5 * b)}–{55 + (5 * b)}")];
        int[] counts = new int[labels.Length];
        foreach (double a in accuracies)
        {
            counts[a < 0.5 ? 0 : Math.Min(10, 1 + (int)Math.Floor(((a * 100) - 50) / 5))]++;
        }

        // The open-ended "< 50" bin stands apart (Gap) from the 5-point bins; ticks mark their edges.
        const int Width = 36, Height = 160, Top = 36, Left = 10, Gap = 14;
        int Edge(double percent) => Left + Width + Gap + (int)Math.Round(Width * (percent - 50) / 5);
        int right = Edge(100);
        int max = Math.Max(1, counts.Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <section id="mnist">
            <h2>MNIST accuracy</h2>
            <p class="legend">{Count(accuracies.Count, "learner")} with an accuracy the grader computed; {grades.Count - accuracies.Count} without (no graded run reported).</p>
            <svg role="img" aria-label="Histogram of the MNIST accuracies" width="{right + 24}" height="{Top + Height + 40}" viewBox="0 0 {right + 24} {Top + Height + 40}">

            """);
        for (int b = 0; b < labels.Length; b++)
        {
            double h = Height * (double)counts[b] / max;
            int x = b == 0 ? Left : Edge(45 + (5 * b));
            string tick = b == 0
                ? $"""<text class="axis" x="{x + (Width / 2)}" y="{Top + Height + 16}">&lt; 50</text>"""
                : $"""<text class="axis" x="{x}" y="{Top + Height + 16}">{45 + (5 * b)}</text>""";
            svg.Append(CultureInfo.InvariantCulture, $"""
                <g class="bin" data-bin="{labels[b]}" data-count="{counts[b]}"><rect x="{x + 3}" y="{Top + Height - h:0.#}" width="{Width - 6}" height="{h:0.#}"/>
                <text class="count" x="{x + (Width / 2)}" y="{Top + Height - h - 4:0.#}">{(counts[b] > 0 ? counts[b].ToString(CultureInfo.InvariantCulture) : string.Empty)}</text>
                {tick}</g>

                """);
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text class="axis" x="{right}" y="{Top + Height + 16}">100</text>""");
        if (grades.Select(g => g.Mnist.Threshold).FirstOrDefault(t => t is not null) is double threshold && threshold >= 0.5)
        {
            int x = Edge(threshold * 100);
            svg.Append(CultureInfo.InvariantCulture, $"""
                <line class="threshold" x1="{x}" y1="{Top - 18}" x2="{x}" y2="{Top + Height}"/>
                <text class="threshold" x="{x + 4}" y="{Top - 22}">threshold {GradeReport.Percent(threshold)}</text>

                """);
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text class="axis" x="{(Left + right) / 2}" y="{Top + Height + 34}">accuracy on the t10k test digits (%), bins of 5 points</text>""");
        svg.AppendLine("</svg>").AppendLine("</section>");
        return svg.ToString();
    }

    // After a regrade: whose grade changed, by how much, and the tests that differ.
    private static string RegradeSection(RegradeReport? regrade)
    {
        if (regrade is null)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"regrade\">\n<h2>What the regrade changed</h2>\n");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"legend\">{Count(regrade.Compared, "grade")} compared with the grade before (each submission's <code>previous/grade.json</code>): {(regrade.Changes.Count == 0 ? "none changed" : $"{regrade.Changes.Count} changed")}.</p>");
        if (regrade.Changes.Count == 0)
        {
            return html.AppendLine("</section>").ToString();
        }

        html.AppendLine("<table class=\"regrade\"><thead><tr><th scope=\"col\">Submission</th><th scope=\"col\">Points before → after</th><th scope=\"col\">Tests that differ</th></tr></thead><tbody>");
        foreach (RegradeChange c in regrade.Changes)
        {
            IEnumerable<string> tests = c.NowFailing.Select(t => $"<li class=\"now-failing\">now fails: {Breakable(t)}</li>")
                .Concat(c.NowPassing.Select(t => $"<li class=\"now-passing\">now passes: {Breakable(t)}</li>"))
                .Concat(c.Notes.Select(n => $"<li>{TextEscaping.Html(n)}</li>"));
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr data-submission=\"{TextEscaping.Html(c.Submission)}\" data-delta=\"{GradeReport.Number(c.Delta)}\"><td>{TextEscaping.Html(c.Submission)}</td><td class=\"number\">{TextEscaping.Html(Regrade.Summary(c))}</td><td><ul>{string.Concat(tests)}</ul></td></tr>");
        }

        return html.AppendLine("</tbody></table>").AppendLine("</section>").ToString();
    }

    private static string FlaggedSubmissions(List<GradeReport> grades)
    {
        var flagged = grades.Where(g => g.Flags.Count > 0).ToList();
        var html = new StringBuilder("<section id=\"flags\">\n<h2>Submissions to look at</h2>\n");
        if (flagged.Count == 0)
        {
            return html.AppendLine("<p>None: no edited tests, runaway code, crashes, forged results or broken rules.</p>").AppendLine("</section>").ToString();
        }

        html.AppendLine("<p>Edited tests (the originals were used), runaway code, crashes of the test host, results the grader did not trust, broken rules.</p>");
        html.AppendLine("<ul class=\"flagged\">");
        foreach (GradeReport g in flagged)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-submission=\"{TextEscaping.Html(g.Submission)}\"><strong>{TextEscaping.Html(g.Submission)}</strong> {Badges(g)}\n<ul>\n");
            const int Shown = 5;
            foreach (GradeFlag flag in g.Flags.Take(Shown))
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li><span class=\"kind\">{TextEscaping.Html(flag.Kind)}</span> {TextEscaping.Html(flag.Detail)}</li>");
            }

            if (g.Flags.Count > Shown)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li>… and {g.Flags.Count - Shown} more in its grade.md</li>");
            }

            html.AppendLine("</ul></li>");
        }

        return html.AppendLine("</ul>").AppendLine("</section>").ToString();
    }

    private static string FailingTestsSection(List<GradeReport> grades)
    {
        var failing = MostFailing(grades);
        var html = new StringBuilder("<section id=\"failing\">\n<h2>The tests that fail most often</h2>\n");
        if (failing.Count == 0)
        {
            return html.AppendLine("<p>No test fails in a checkpoint a learner started, except where code is not written yet.</p>").AppendLine("</section>").ToString();
        }

        html.AppendLine("<p>Where learners wrote code: in the checkpoints they started (some tests pass), a stub's <q>Not implemented yet</q> not counted. What to teach again.</p>");
        html.AppendLine("<table class=\"failing\"><thead><tr><th scope=\"col\" class=\"number\">Checkpoint</th><th scope=\"col\">Test</th><th scope=\"col\" class=\"number\">Fails in</th><th scope=\"col\">Most common failure</th></tr></thead><tbody>");
        foreach (FailingTest f in failing)
        {
            string others = f.OtherMessages > 0 ? $" <span class=\"note\">(and {Count(f.OtherMessages, "other message")})</span>" : string.Empty;
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr><td class=\"number\">{f.Checkpoint}</td><td class=\"test\">{Breakable(f.Test)}</td><td class=\"number\">{f.Submissions} of {grades.Count}</td><td class=\"message\">{TextEscaping.Html(f.Message)}{others}</td></tr>");
        }

        return html.AppendLine("</tbody></table>").AppendLine("</section>").ToString();
    }

    private static string RosterTable(IReadOnlyList<SubmissionOutcome> outcomes)
    {
        var html = new StringBuilder("""
            <section id="roster">
            <h2>Roster</h2>
            <p class="legend">Click a column's name to sort by it; click again to reverse.</p>
            <table id="roster-table">
            <thead><tr>
            <th scope="col" data-key="name" data-type="text"><button type="button">Submission</button></th>
            <th scope="col" data-key="score" data-type="number" data-first="descending" class="number"><button type="button">Score</button></th>
            <th scope="col" data-key="furthest" data-type="number" data-first="descending" class="number"><button type="button">Furthest checkpoint</button></th>
            <th scope="col" class="number">Bonus</th>
            <th scope="col" class="number">MNIST</th>
            <th scope="col">Result</th>
            <th scope="col">Flags</th>
            </tr></thead>
            <tbody>

            """);
        foreach (SubmissionOutcome o in outcomes)
        {
            if (o.Grade is not { } g)
            {
                string name = TextEscaping.Html(o.Submission.Name);
                html.AppendLine(CultureInfo.InvariantCulture,
                    $"<tr class=\"error\" data-name=\"{name}\" data-score=\"\" data-furthest=\"\" data-mnist=\"\"><td>{name}</td><td colspan=\"5\">not graded: {TextEscaping.Html(o.Error ?? "no reason given")}</td><td><span class=\"badge error\">not graded</span></td></tr>");
                continue;
            }

            string accuracy = g.Mnist.Accuracy is double a ? a.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
            string bonus = g.MaxBonusScore > 0 ? $"{GradeReport.Number(g.BonusScore)} / {g.MaxBonusScore}" : "–";
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr data-name=\"{TextEscaping.Html(g.Submission)}\" data-score=\"{GradeReport.Number(g.Score)}\" data-furthest=\"{Furthest(g)}\" data-mnist=\"{accuracy}\">"
                + $"<td>{TextEscaping.Html(g.Submission)}</td><td class=\"number\">{TextEscaping.Html(g.ScoreText())}</td><td class=\"number\">{Furthest(g)}</td>"
                + $"<td class=\"number\">{bonus}</td><td class=\"number\">{GradeReport.Percent(g.Mnist.Accuracy)}</td>"
                + $"<td>{(g.Passed ? "<span class=\"badge pass\">passed</span>" : !g.Build.Succeeded ? "<span class=\"badge error\">does not build</span>" : "not yet")}</td><td>{Badges(g)}</td></tr>");
        }

        return html.AppendLine("</tbody>\n</table>\n</section>").ToString();
    }

    // A test's name, escaped, that may wrap after each underscore.
    private static string Breakable(string test) => TextEscaping.Html(test).Replace("_", "_<wbr>", StringComparison.Ordinal);

    private static string FlagKinds(GradeReport g) => string.Join(' ', g.Flags.Select(f => f.Kind).Distinct());

    private static string Badges(GradeReport g) =>
        string.Join(' ', g.Flags.Select(f => f.Kind).Distinct().Select(k => $"<span class=\"badge flag\">{TextEscaping.Html(k)}</span>"));

    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many ?? one + "s")}");

    // The page runs no code but this, and loads nothing: the policy names the style and script by hash.
    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private const string Style = """

        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --done: #1f6feb; --started: #9ecbff; --flag: #bc4c00; --pass: #1a7f37; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 75rem; }
        h1 { margin: 0 0 .25rem; font-size: 1.7rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
        #summary { font-size: 1.05rem; margin: 0; color: var(--muted); }
        .charts { display: flex; flex-wrap: wrap; gap: 0 3rem; } .charts > section { flex: none; } .charts .legend { max-width: 26rem; }
        .legend, footer, .note { color: var(--muted); font-size: .85rem; }
        .key { display: inline-block; width: .8rem; height: .8rem; vertical-align: -1px; margin-left: .5rem; }
        .key.done { background: var(--done); } .key.started { background: var(--started); }
        svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
        svg .track { fill: #eff2f5; } svg .done { fill: var(--done); } svg .started { fill: var(--started); }
        #mnist rect { fill: var(--done); } #mnist text.count, #mnist text.axis { text-anchor: middle; } #mnist text.axis { fill: var(--muted); font-size: 12px; }
        #mnist line.threshold { stroke: var(--flag); stroke-width: 2; stroke-dasharray: 4 3; } #mnist text.threshold { fill: var(--flag); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        td.test { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; overflow-wrap: anywhere; min-width: 16rem; }
        td.message { font-size: .9rem; }
        th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
        th[aria-sort="ascending"] button::after { content: " ▲" / ""; } th[aria-sort="descending"] button::after { content: " ▼" / ""; }
        tbody tr:hover { background: #f6f8fa; } tr.error td { color: var(--muted); }
        .badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: .8rem; border: 1px solid; }
        .badge.flag, .badge.error { color: var(--flag); } .badge.pass { color: var(--pass); }
        ul.flagged > li { margin-bottom: .5rem; } .kind { font-weight: 600; color: var(--flag); }
        article.pair { margin: 1rem 0 2rem; } article.pair h3 { font-size: 1.05rem; margin: .75rem 0 .25rem; }
        table.fragment { margin: .75rem 0; table-layout: fixed; font: .8rem/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
        table.fragment caption { text-align: left; font: 600 .85rem system-ui, sans-serif; color: var(--muted); padding: .25rem 0; }
        table.fragment th { font: 600 .8rem system-ui, sans-serif; white-space: normal; overflow-wrap: anywhere; }
        table.fragment col.ln { width: 3.2rem; }
        table.fragment td { border: 0; padding: 0 .5rem; white-space: pre; overflow: hidden; text-overflow: ellipsis; }
        table.fragment td.ln { text-align: right; color: var(--muted); }
        table.fragment td.shared { background: #fff3c4; } table.fragment td.ln.shared { color: var(--ink); box-shadow: inset 3px 0 var(--flag); }
        table.fragment td.more { color: var(--muted); font-style: italic; }
        table.regrade ul { margin: 0; padding-left: 1.1rem; } li.now-failing { color: var(--flag); } li.now-passing { color: var(--pass); }
        footer { margin-top: 2rem; }

        """;

    private const string Script = """

        (() => {
          const table = document.getElementById("roster-table");
          const body = table.tBodies[0];
          for (const th of table.querySelectorAll("th[data-key]")) {
            th.querySelector("button").addEventListener("click", () => {
              const key = th.dataset.key;
              const numeric = th.dataset.type === "number";
              const current = th.getAttribute("aria-sort");
              const ascending = current ? current !== "ascending" : th.dataset.first !== "descending";
              for (const other of table.querySelectorAll("th")) other.removeAttribute("aria-sort");
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              const rows = [...body.rows];
              rows.sort((a, b) => {
                const x = a.dataset[key], y = b.dataset[key];
                if (x === "" || y === "") return (x === "") - (y === "");
                const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "en", { numeric: true, sensitivity: "base" });
                return ascending ? order : -order;
              });
              body.append(...rows);
            });
          }
        })();

        """;
}
