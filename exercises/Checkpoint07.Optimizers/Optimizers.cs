namespace NeuralNet;

/// <summary>
/// Checkpoint 7 — any <see cref="Optimizer"/> in place of the plain gradient-descent step: to minimise a
/// function as in checkpoint 2, and to train your network as in checkpoint 4. Read checkpoints.md, section 7.
/// </summary>
public static class Optimizers
{
    /// <summary>
    /// Checkpoint 2's GradientDescent with any optimizer: starting from a copy of <paramref name="x0"/>,
    /// <paramref name="steps"/> times take the gradient with your <see cref="Calculus.NumericalGradient"/>
    /// and let <paramref name="optimizer"/> step x. Returns the final x; x0 is not changed.
    /// </summary>
    public static double[] Minimize(Func<double[], double> f, double[] x0, Optimizer optimizer, int steps)
    {
        throw new NotImplementedException(
            "Checkpoint 7: implement Optimizers.Minimize — from a copy of x0, steps times: optimizer.Step(x, NumericalGradient(f, x)) (checkpoints.md#7-optimizers).");
    }

    /// <summary>
    /// Checkpoint 4's TrainStep with any optimizer: the gradients of <see cref="Backpropagation.Backward"/>
    /// for this batch, then one optimizer step for every weight and bias. Returns the batch's loss before the step.
    /// </summary>
    public static double TrainStep(this Network network, Matrix x, int[] labels, Optimizer optimizer)
    {
        throw new NotImplementedException(
            "Checkpoint 7: implement Optimizers.TrainStep — Backward, then one optimizer step for every weight and bias (checkpoints.md#7-optimizers).");
    }

    /// <summary>
    /// Checkpoint 4's Train with any optimizer: <paramref name="epochs"/> times, the samples in order in
    /// batches of <paramref name="batchSize"/> (the last may be smaller), one <see cref="TrainStep"/> per
    /// batch, <paramref name="progress"/> after each. Returns the loss of every batch, in order.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this Network network,
        Matrix x,
        int[] labels,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        throw new NotImplementedException(
            "Checkpoint 7: implement Optimizers.Train — your checkpoint-4 Train, with TrainStep(x, labels, optimizer) for each batch (checkpoints.md#7-optimizers).");
    }
}
