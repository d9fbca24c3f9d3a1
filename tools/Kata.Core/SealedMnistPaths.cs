namespace Kata.Core;

/// <summary>
/// The MNIST files the grader lets into its sandbox: the training set, the t10k images, and training labels
/// with the digits relabelled for the control run; never the t10k labels (see <see cref="GradedRunSpec"/>).
/// </summary>
public sealed record SealedMnistPaths(string Directory, string TrainImages, string TrainLabels, string TestImages, string ControlTrainLabels);
