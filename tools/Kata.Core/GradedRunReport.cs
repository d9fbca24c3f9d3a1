namespace Kata.Core;

/// <summary>
/// What a graded run reports to the grader (as a <c>[kata-record]</c> line): the trained network, the
/// loss of every batch and the learner's prediction for every t10k image, and the same for the control run.
/// </summary>
/// <param name="Name">The <see cref="GradedRunSpec.Name"/>.</param>
/// <param name="LayerSizes">The trained network's layer sizes, inputs first.</param>
/// <param name="Activation">Its hidden activation.</param>
/// <param name="Losses">What Train returned: one loss per batch.</param>
/// <param name="Weights">Weights[l] row-major, LayerSizes[l] x LayerSizes[l + 1].</param>
/// <param name="Biases">Biases[l], LayerSizes[l + 1] numbers.</param>
/// <param name="Predictions">The learner's Predict for each of the 10,000 t10k images, in file order.</param>
/// <param name="Control">The control run (same settings, <see cref="GradedRunSpec.ControlImages"/> images, relabelled digits), when the spec has one.</param>
/// <param name="Epochs">The epochs that ran (early stopping may end a run before the settings' epochs).</param>
public sealed record GradedRunReport(
    string Name,
    IReadOnlyList<int> LayerSizes,
    string Activation,
    IReadOnlyList<double> Losses,
    IReadOnlyList<double[]> Weights,
    IReadOnlyList<double[]> Biases,
    IReadOnlyList<int> Predictions,
    GradedRunReport? Control,
    int Epochs)
{
    /// <summary>Lines starting with this carry a report: "[kata-record] name {json}".</summary>
    public const string Prefix = "[kata-record] ";
}
