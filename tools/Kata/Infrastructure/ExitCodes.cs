namespace Kata.Cli.Infrastructure;

/// <summary>What the learner commands return, for scripts. `./kata --help` lists them.</summary>
public static class ExitCodes
{
    /// <summary>Done: the command did what it was asked (for status: the table was shown).</summary>
    public const int Ok = 0;

    /// <summary>
    /// Not yet: tests fail or do not build, the checkpoint is not complete, or the learner said no.
    /// The output says what to do.
    /// </summary>
    public const int NotYet = 1;

    /// <summary>The command line was wrong: an unknown command, option or checkpoint, or a confirmation that needs --yes without a terminal.</summary>
    public const int Usage = 2;

    /// <summary>Something outside the learner's code is missing or broken: the kata's folder, curriculum.json, git, the .NET SDK.</summary>
    public const int Environment = 3;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>The lines `./kata --help` shows.</summary>
    public const string Help =
        "Exit codes: 0 done; 1 not yet (tests fail, checkpoint not complete, or you answered no); "
        + "2 wrong command line; 3 the kata, git or the .NET SDK is missing or broken; 130 stopped with Ctrl+C.";
}
