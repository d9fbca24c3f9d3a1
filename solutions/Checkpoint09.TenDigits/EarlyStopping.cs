namespace NeuralNet;

/// <summary>
/// Checkpoint 9 — early stopping: train one epoch at a time, measure the accuracy on the validation set
/// after each, keep a copy of the best network so far, and stop once it has not improved for a while.
/// More epochs first help, then the network starts to learn its training images by heart and gets worse
/// on images it has not seen: the best epoch is where the validation accuracy peaks.
/// Read checkpoints.md, section 9.
/// </summary>
public static class EarlyStopping
{
    /// <summary>
    /// For epoch = 1, 2, … <paramref name="maxEpochs"/>: call <paramref name="trainEpoch"/>(epoch), then
    /// <paramref name="validationAccuracy"/>(). An epoch whose accuracy is strictly higher than every
    /// earlier one is the new best: copy every weight and bias of <paramref name="network"/> then (a copy,
    /// not a reference — training goes on changing the arrays). Stop after <paramref name="patience"/>
    /// epochs in a row without a new best, or after maxEpochs. At the end, put the best epoch's weights
    /// and biases back into <paramref name="network"/>. Returns the validation accuracy of every epoch
    /// that ran, in order: the best epoch is the position of its largest value (the first, if several
    /// are equal) plus one.
    /// </summary>
    /// <exception cref="ArgumentException">maxEpochs or patience is less than 1.</exception>
    public static List<double> Train(Network network, Action<int> trainEpoch, Func<double> validationAccuracy, int maxEpochs, int patience)
    {
        if (maxEpochs < 1 || patience < 1)
        {
            throw new ArgumentException($"EarlyStopping.Train: maxEpochs ({maxEpochs}) and patience ({patience}) must be at least 1.");
        }

        var accuracies = new List<double>();
        double bestAccuracy = double.NegativeInfinity;
        int bestEpoch = 0;
        Matrix[] bestWeights = [];
        double[][] bestBiases = [];
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            trainEpoch(epoch);
            double accuracy = validationAccuracy();
            accuracies.Add(accuracy);
            if (accuracy > bestAccuracy)
            {
                // The best checkpoint: a snapshot of every parameter, since the next epoch changes them in place.
                bestAccuracy = accuracy;
                bestEpoch = epoch;
                bestWeights = [.. network.Weights.Select(w => w.Clone())];
                bestBiases = [.. network.Biases.Select(b => (double[])b.Clone())];
            }
            else if (epoch - bestEpoch >= patience)
            {
                break; // patience epochs in a row without a new best
            }
        }

        // Back to the best epoch, into the network's own arrays (none is best only if every accuracy was NaN).
        for (int l = 0; l < bestWeights.Length; l++)
        {
            bestWeights[l].Data.CopyTo(network.Weights[l].Data, 0);
            bestBiases[l].CopyTo(network.Biases[l], 0);
        }

        return accuracies;
    }
}
