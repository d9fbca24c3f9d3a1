namespace Kata.TestSupport;

/// <summary>The property that tells hold-outs and rules apart from ordinary checkpoint tests.</summary>
public static class KindProperty
{
    /// <summary>The NUnit property (and VSTest trait) name.</summary>
    public const string Name = "Kind";

    /// <summary>Value for hold-out tests.</summary>
    public const string HoldOut = "HoldOut";

    /// <summary>Value for the kata's rules.</summary>
    public const string Rules = "Rules";
}
