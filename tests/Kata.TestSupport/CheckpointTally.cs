namespace Kata.TestSupport;

/// <summary>What one checkpoint's tests did in this run.</summary>
internal sealed class CheckpointTally
{
    /// <summary>Test cases of this checkpoint in the assembly, hold-outs excluded.</summary>
    public int Total { get; set; }

    /// <summary>Test cases that ran (were not hidden, skipped or filtered out).</summary>
    public int Ran { get; set; }

    /// <summary>Test cases that ran and passed.</summary>
    public int Passed { get; set; }

    /// <summary>True when every test of the checkpoint ran and passed.</summary>
    public bool Complete => Total > 0 && Passed == Total;
}
