// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// What <see cref="Training.Train"/> reports after every batch, so that a program can draw a progress
/// bar or stop a run whose loss has become NaN. Epoch and Batch count from 1.
/// </summary>
/// <param name="Epoch">The current epoch, 1 to <paramref name="Epochs"/>.</param>
/// <param name="Epochs">How many epochs the run has.</param>
/// <param name="Batch">The batch just trained on, 1 to <paramref name="Batches"/>.</param>
/// <param name="Batches">Batches per epoch (the last one may hold fewer samples).</param>
/// <param name="Samples">How many samples this batch held.</param>
/// <param name="Loss">The batch's loss, measured before the update.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, int Samples, double Loss);
