namespace Kata.Core;

/// <summary>Which training images of the chosen digits a graded run trains on.</summary>
public enum TrainingPart
{
    /// <summary>The first <see cref="MnistSettings.TrainingImages"/> (all of them for 0).</summary>
    First,

    /// <summary>As many from the end of the training set (half of it for 0): images the first part never saw.</summary>
    Last,
}
