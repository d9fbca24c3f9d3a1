// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
using System.Globalization;

namespace NeuralNet;

/// <summary>
/// The graded task of checkpoint 14, generated, never downloaded: addition of two numbers of
/// <see cref="Digits"/> digits, written as text with every number padded with zeros, for example (two
/// digits) <c>"37+48=085"</c>. The model reads the prompt <c>"37+48="</c> and must write the
/// <see cref="AnswerLength"/> characters of the sum. Read checkpoints.md, section 14.
/// </summary>
public sealed class AdditionTask
{
    /// <summary>Addition of two numbers of 1 to 4 digits.</summary>
    public AdditionTask(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 4);
        Digits = digits;
    }

    /// <summary>The digits of each number added.</summary>
    public int Digits { get; }

    /// <summary>The twelve characters of the task: token 0 to 9 are the digits, 10 is '+', 11 is '='.</summary>
    public Tokenizer Tokenizer { get; } = new("0123456789+=");

    /// <summary>The characters of a prompt: "37+48=" has 2·Digits + 2.</summary>
    public int PromptLength => (2 * Digits) + 2;

    /// <summary>The characters of an answer: the sum, padded to Digits + 1 ("085").</summary>
    public int AnswerLength => Digits + 1;

    /// <summary>
    /// The tokens the model reads for one problem: the prompt and the answer without its last character
    /// (which is only ever predicted): 8 for two digits.
    /// </summary>
    public int SequenceLength => PromptLength + AnswerLength - 1;

    /// <summary>The numbers 0 to 10^Digits − 1 that each side of a problem can be.</summary>
    public int Count => (int)Math.Pow(10, Digits);

    /// <summary>"37+48=" for a = 37, b = 48 (two digits).</summary>
    public string Prompt(int a, int b) => string.Create(CultureInfo.InvariantCulture, $"{Padded(a, Digits)}+{Padded(b, Digits)}=");

    /// <summary>"085" for a = 37, b = 48 (two digits): the sum, padded to <see cref="AnswerLength"/>.</summary>
    public string Answer(int a, int b) => Padded(a + b, AnswerLength);

    /// <summary>
    /// Every problem (a, b) with 0 ≤ a, b &lt; <see cref="Count"/>, in an order shuffled by
    /// <paramref name="seed"/> (Fisher–Yates with <c>new Random(seed)</c>): the first
    /// <paramref name="trainCount"/> to train on and the rest held out, never trained on.
    /// </summary>
    public (IReadOnlyList<(int A, int B)> Train, IReadOnlyList<(int A, int B)> HeldOut) Split(int trainCount, int seed)
    {
        int total = Count * Count;
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trainCount, total);
        (int A, int B)[] problems = [.. Enumerable.Range(0, total).Select(i => (i / Count, i % Count))];
        new Random(seed).Shuffle(problems);
        return (problems[..trainCount], problems[trainCount..]);
    }

    /// <summary>
    /// What the model trains on, one sequence per problem: Inputs[i] are the tokens of the problem's prompt and
    /// answer without the last character (<see cref="SequenceLength"/> tokens), and Targets[i][t] is the token
    /// that follows position t — or <see cref="TinyGpt.NoTarget"/> where that token is still part of the prompt,
    /// which the model cannot know. For "37+48=085": inputs "37+48=08", targets −1 −1 −1 −1 −1 "0" "8" "5".
    /// </summary>
    public (int[][] Inputs, int[][] Targets) Examples(IEnumerable<(int A, int B)> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var inputs = new List<int[]>();
        var targets = new List<int[]>();
        foreach ((int a, int b) in problems)
        {
            int[] text = Tokenizer.Encode(Prompt(a, b) + Answer(a, b));
            inputs.Add(text[..^1]);
            targets.Add([.. Enumerable.Range(1, text.Length - 1).Select(t => t < PromptLength ? TinyGpt.NoTarget : text[t])]);
        }

        return ([.. inputs], [.. targets]);
    }

    private static string Padded(int n, int width) => n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
