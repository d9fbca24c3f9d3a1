using System.Globalization;

namespace Kata.Core;

/// <summary>
/// Checkpoint 14's graded run, as curriculum.json's <c>"addition"</c> object describes it: the test trains
/// the learner's tiny GPT on <see cref="TrainingProblems"/> additions of two numbers of <see cref="Digits"/>
/// digits and has it complete <see cref="Prompts"/> held-out prompts; the run passes when more than
/// <see cref="Threshold"/> of the completions are exactly the sum. An instructor changes the grade here.
/// </summary>
/// <param name="Threshold">The share (0–1) of held-out prompts the completions must get exactly right.</param>
/// <param name="Digits">The digits of each number added (2: "37+48=085").</param>
/// <param name="Width">d, the model's width.</param>
/// <param name="Heads">The attention heads of every block.</param>
/// <param name="Layers">The transformer blocks.</param>
/// <param name="TrainingProblems">Problems trained on (the first of the task's seeded split); the rest are held out.</param>
/// <param name="Prompts">Held-out problems the model completes for the grade, drawn at grade time.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="Epochs">Passes over the training problems.</param>
/// <param name="BatchSize">Problems per step.</param>
/// <param name="Seed">Seed of the split and of the model's initial parameters.</param>
public sealed record AdditionSettings(
    double Threshold,
    int Digits,
    int Width,
    int Heads,
    int Layers,
    int TrainingProblems,
    int Prompts,
    double LearningRate,
    int Epochs,
    int BatchSize,
    int Seed)
{
    /// <summary>The number of losses the run's Train returns: one per batch of every epoch.</summary>
    public int Steps => Epochs * ((TrainingProblems + BatchSize - 1) / BatchSize);

    /// <summary>
    /// One line for people: "2-digit addition, d = 16, 2 heads, 1 layer, 8,000 problems, Adam 0.01,
    /// 2 epochs, batches of 32, seed 1".
    /// </summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Digits}-digit addition, d = {Width}, {Heads} heads, {Layers} layer{(Layers == 1 ? string.Empty : "s")}, {TrainingProblems:N0} problems, Adam {LearningRate}, {Epochs} epoch{(Epochs == 1 ? string.Empty : "s")}, batches of {BatchSize}, seed {Seed}");

    /// <summary>Every problem with these settings, in words; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(Threshold > 0 && Threshold < 1))
        {
            problems.Add($"threshold must be between 0 and 1 (got {Threshold})");
        }

        if (Digits is < 1 or > 4 || Width < 1 || Heads < 1 || Layers < 1 || Width % Heads != 0)
        {
            problems.Add("digits must be 1 to 4, and width, heads and layers positive with the width a multiple of the heads");
        }

        int problemsInAll = (int)Math.Pow(10, 2 * Digits);
        if (TrainingProblems < 1 || Prompts < 1 || TrainingProblems + Prompts > problemsInAll)
        {
            problems.Add($"trainingProblems and prompts must be positive and together at most the {problemsInAll:N0} problems there are");
        }

        if (!(LearningRate > 0) || Epochs < 1 || BatchSize < 1)
        {
            problems.Add("learningRate must be positive, epochs and batchSize at least 1");
        }

        return problems;
    }
}
