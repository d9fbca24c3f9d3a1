using Kata.Cli.Commands;
using Kata.Instructor.Commands;
using Kata.Maintainer.Commands;

// ./kata in the instructor's and maintainer's repository: the learner's commands (with `grade` able to
// grade a class), then the instructor's, then the maintainer's. The learner release has none of this
// project, and its ./kata runs tools/Kata alone.
return Cli.Invoke(
    Cli.Root([
        .. LearnerCommands.All().Select(c => c.Name == "grade" ? ClassGradeCommand.Create() : c),
        ReleaseCommand.Create(),
        ReportCommand.Create(),
        SimilarCommand.Create(),
        AutogradeCommand.Create(),
        VerifyCommand.Create(),
        DocsCommand.Create(),
    ]),
    args);
