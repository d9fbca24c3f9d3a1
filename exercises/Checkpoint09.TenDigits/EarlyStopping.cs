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
        throw new NotImplementedException(
            "Checkpoint 9: implement EarlyStopping.Train — train and validate epoch by epoch, keep a copy of the best weights, stop after patience epochs without a new best (checkpoints.md#9-all-ten-digits).");
    }
}
