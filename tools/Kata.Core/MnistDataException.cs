namespace Kata.Core;

/// <summary>MNIST is missing or damaged. The message is one sentence that says what to do.</summary>
public sealed class MnistDataException(string message) : IOException(message);
