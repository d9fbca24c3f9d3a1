using Kata.Cli.Commands;
using Kata.Cli.Infrastructure;

// The learner's ./kata: the commands of a learner's copy (Commands/LearnerCommands.cs). An instructor's
// copy runs tools/Kata.Maintainer instead, which adds the instructor's and the maintainer's commands.
return Cli.Invoke(Cli.Root(LearnerCommands.All()), args);

// edited by a submission
