// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// Sequences of tokens and, for each, the sequence the model should answer: <c>Targets[i][t]</c> is the
/// right token at position t of <c>Inputs[i]</c>. Generated here, never downloaded.
/// </summary>
public sealed class SequenceData
{
    /// <summary>Pairs every input sequence with its target sequence of the same length (used, not copied).</summary>
    public SequenceData(int[][] inputs, int[][] targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Length != targets.Length || inputs.Where((x, i) => x.Length != targets[i].Length).Any())
        {
            throw new ArgumentException("SequenceData: give one target sequence, as long as its input, per input sequence.", nameof(targets));
        }

        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>The input sequences.</summary>
    public int[][] Inputs { get; }

    /// <summary>The target sequences: Targets[i] answers Inputs[i].</summary>
    public int[][] Targets { get; }

    /// <summary>The number of sequences.</summary>
    public int Count => Inputs.Length;

    /// <summary>
    /// The reversal task: random sequences of <paramref name="length"/> tokens from 0 to
    /// <paramref name="vocabulary"/> − 1, each answered by the same tokens in reverse order
    /// ([3, 1, 4, 1] → [1, 4, 1, 3]). Returns <paramref name="trainCount"/> sequences to train on and
    /// <paramref name="testCount"/> others to test on: all different, so that the test sequences are new to the
    /// model. The same seed gives the same sequences.
    /// </summary>
    public static (SequenceData Train, SequenceData Test) Reversal(int trainCount, int testCount, int length, int vocabulary, int seed)
    {
        if (trainCount < 0 || testCount < 0 || length < 1 || vocabulary < 1 || Math.Pow(vocabulary, length) < trainCount + testCount)
        {
            throw new ArgumentException(
                $"SequenceData.Reversal: cannot draw {trainCount} + {testCount} different sequences of {length} tokens from a vocabulary of {vocabulary}.");
        }

        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<int[]>(trainCount + testCount);
        while (inputs.Count < trainCount + testCount)
        {
            int[] sequence = [.. Enumerable.Range(0, length).Select(_ => random.Next(vocabulary))];
            if (seen.Add(string.Join(',', sequence)))
            {
                inputs.Add(sequence);
            }
        }

        int[][] reversed = [.. inputs.Select(x => x.Reverse().ToArray())];
        return (new SequenceData([.. inputs.Take(trainCount)], reversed[..trainCount]),
                new SequenceData([.. inputs.Skip(trainCount)], reversed[trainCount..]));
    }
}
