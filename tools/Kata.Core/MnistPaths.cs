namespace Kata.Core;

/// <summary>The four MNIST files found and checked in <see cref="Directory"/> (each gzipped or not).</summary>
public sealed record MnistPaths(string Directory, string TrainImages, string TrainLabels, string TestImages, string TestLabels);
