// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// The sizes of a <see cref="TinyGpt"/>. Read checkpoints.md, section 14.
/// </summary>
/// <param name="Vocabulary">V: the number of different tokens (for text, the characters), 0 to V − 1.</param>
/// <param name="ContextLength">T_max: the most tokens the model reads at once (its position embedding has one row per position).</param>
/// <param name="Width">d: the width of every token's row (d_model); a multiple of <paramref name="Heads"/>.</param>
/// <param name="Heads">h: the attention heads of every block, each d / h wide.</param>
/// <param name="Layers">L: the number of transformer blocks.</param>
public sealed record GptSettings(int Vocabulary, int ContextLength, int Width, int Heads, int Layers)
{
    /// <summary>The width of the MLP's hidden layer in every block: 4 · d, as in GPT-2.</summary>
    public int MlpWidth => 4 * Width;

    /// <summary>What makes these sizes unusable, in words; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Vocabulary < 2 || ContextLength < 1 || Width < 1 || Heads < 1 || Layers < 1)
        {
            problems.Add($"a vocabulary of at least 2 tokens and a context length, width, number of heads and of layers of at least 1 (got {this})");
        }
        else if (Width % Heads != 0)
        {
            problems.Add($"the width {Width} must be a multiple of the {Heads} heads");
        }

        return problems;
    }

    /// <summary>"V = 12, T = 8, d = 32, 4 heads, 2 layers".</summary>
    public override string ToString() => $"V = {Vocabulary}, T = {ContextLength}, d = {Width}, {Heads} heads, {Layers} layer{(Layers == 1 ? string.Empty : "s")}";
}
