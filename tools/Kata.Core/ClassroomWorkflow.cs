using System.Globalization;
using System.Text;

namespace Kata.Core;

/// <summary>
/// .github/workflows/classroom.yml is generated from curriculum.json: one GitHub Classroom
/// autograding step per checkpoint, worth that checkpoint's points, so an instructor can use
/// Classroom's points as they are. <c>./kata docs</c> writes it; a rules test checks it.
/// </summary>
public static class ClassroomWorkflow
{
    /// <summary>The workflow's path, relative to the repository root.</summary>
    public const string RelativePath = ".github/workflows/classroom.yml";

    /// <summary>The whole workflow file for <paramref name="curriculum"/>.</summary>
    public static string Render(Curriculum curriculum)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        var yml = new StringBuilder();
        yml.Append("""
            # GitHub Classroom autograding: one step per checkpoint, each worth that checkpoint's points.
            # GENERATED from curriculum.json by `./kata docs` — change points there, not here.
            # Each step runs `./kata grade --checkpoint N`: the original tests of the release (the first
            # commit of the learner's repository) against the learner's exercises/, in grade mode.
            name: Autograding Tests

            on:
              push:
              repository_dispatch:

            permissions:
              checks: write
              actions: read
              contents: read

            jobs:
              run-autograding-tests:
                runs-on: ubuntu-latest
                if: github.actor != 'github-classroom[bot]'
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with:
                      fetch-depth: 0 # grading compares the tests with the repository's first commit

                  - uses: actions/setup-dotnet@a98b56852c35b8e3190ac28c8c2271da59106c68 # v6.0.0
                    with:
                      global-json-file: global.json

                  - name: Cache MNIST
                    uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
                    with:
                      path: data/mnist
                      key: mnist-original-v1

                  - name: Download MNIST (SHA-256 checked)
                    run: ./kata data

            """);
        foreach (Checkpoint c in curriculum.Checkpoints)
        {
            yml.Append(CultureInfo.InvariantCulture, $"""

                      - name: {c.Name}
                        id: {StepId(c)}
                        uses: classroom-resources/autograding-command-grader@d5b3fa6f50f7f629b7bfae0cc3e4c58852b412d5 # v1
                        with:
                          test-name: {c.Name}
                          command: ./kata grade --checkpoint {c.Id} --quiet
                          timeout: 30
                          max-score: {c.Points}

                """);
        }

        yml.Append("""

                  - name: Autograding Reporter
                    uses: classroom-resources/autograding-grading-reporter@d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca # v1
                    env:

            """);
        foreach (Checkpoint c in curriculum.Checkpoints)
        {
            yml.Append(CultureInfo.InvariantCulture, $"          {StepId(c).ToUpperInvariant()}_RESULTS: \"${{{{steps.{StepId(c)}.outputs.result}}}}\"\n");
        }

        yml.Append("        with:\n");
        yml.Append(CultureInfo.InvariantCulture, $"          runners: {string.Join(',', curriculum.Checkpoints.Select(StepId))}\n");
        return yml.ToString();
    }

    private static string StepId(Checkpoint c) => $"checkpoint-{c.Id}";
}
