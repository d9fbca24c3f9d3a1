// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// Characters to tokens and back: token i is the i-th character of <see cref="Alphabet"/>. A model of
/// characters needs nothing more — GPT-2's tokenizer merges frequent character pairs into tokens, which
/// makes sequences shorter, not the model different.
/// </summary>
public sealed class Tokenizer
{
    private readonly Dictionary<char, int> _tokens;

    /// <summary>A tokenizer whose token i is <paramref name="alphabet"/>[i]; every character at most once.</summary>
    public Tokenizer(string alphabet)
    {
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        if (alphabet.Distinct().Count() != alphabet.Length)
        {
            throw new ArgumentException($"Tokenizer: the alphabet \"{alphabet}\" has a character more than once.", nameof(alphabet));
        }

        Alphabet = alphabet;
        _tokens = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>Every character the tokenizer knows, in token order.</summary>
    public string Alphabet { get; }

    /// <summary>The number of tokens: the model's vocabulary.</summary>
    public int Size => Alphabet.Length;

    /// <summary>A tokenizer for every character that occurs in <paramref name="text"/>, in the order of their codes.</summary>
    public static Tokenizer Of(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new Tokenizer(new string([.. text.Distinct().Order()]));
    }

    /// <summary>The token of every character of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the alphabet; the message names it.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            tokens[i] = _tokens.TryGetValue(text[i], out int token)
                ? token
                : throw new ArgumentException($"Tokenizer: '{text[i]}' (at {i}) is not one of the {Size} characters it knows.", nameof(text));
        }

        return tokens;
    }

    /// <summary>The characters of <paramref name="tokens"/>.</summary>
    public string Decode(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new string([.. tokens.Select(t => (uint)t < (uint)Size ? Alphabet[t] : throw new ArgumentOutOfRangeException(nameof(tokens), t, $"Tokenizer: token {t} is not from 0 to {Size - 1}."))]);
    }
}
