namespace Kata.Tests.Checkpoint11.HoldOut;

using Shouldly;

/// <summary>
/// Checkpoint 11 written out with plain loops from its definitions, without any learner code: scores,
/// the (masked) softmax, attention, the softmax's Jacobian, the chain rule through attention and through
/// a multi-head layer, the sinusoidal encoding, and the toy sequence model with its batch gradient and an
/// optimizer step. The hold-outs compare the learner's methods with it.
/// </summary>
internal static class AttentionReference
{
    /// <summary>A·B by the definition.</summary>
    public static Matrix Product(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                double sum = 0;
                for (int p = 0; p < a.Cols; p++)
                {
                    sum += a[i, p] * b[p, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>Aᵀ.</summary>
    public static Matrix Transposed(Matrix a)
    {
        var t = new Matrix(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    /// <summary>S[i, j] = Σ_p Q[i, p]·K[j, p] / √d.</summary>
    public static Matrix Scores(Matrix queries, Matrix keys)
    {
        var s = new Matrix(queries.Rows, keys.Rows);
        double root = Math.Sqrt(queries.Cols);
        for (int i = 0; i < queries.Rows; i++)
        {
            for (int j = 0; j < keys.Rows; j++)
            {
                double dot = 0;
                for (int p = 0; p < queries.Cols; p++)
                {
                    dot += queries[i, p] * keys[j, p];
                }

                s[i, j] = dot / root;
            }
        }

        return s;
    }

    /// <summary>P[i, j] = e^S[i, j] / Σ_k e^S[i, k] over the allowed k (k ≤ i when causal); 0 where masked.</summary>
    public static Matrix Softmax(Matrix scores, bool causal)
    {
        var p = new Matrix(scores.Rows, scores.Cols);
        for (int i = 0; i < scores.Rows; i++)
        {
            int allowed = causal ? Math.Min(i + 1, scores.Cols) : scores.Cols;
            double max = double.NegativeInfinity;
            for (int j = 0; j < allowed; j++)
            {
                max = Math.Max(max, scores[i, j]);
            }

            double sum = 0;
            for (int j = 0; j < allowed; j++)
            {
                sum += Math.Exp(scores[i, j] - max);
            }

            for (int j = 0; j < allowed; j++)
            {
                p[i, j] = Math.Exp(scores[i, j] - max) / sum;
            }
        }

        return p;
    }

    /// <summary>softmax(Q·Kᵀ/√d)·V.</summary>
    public static Matrix Attend(Matrix queries, Matrix keys, Matrix values, bool causal) =>
        Product(Softmax(Scores(queries, keys), causal), values);

    /// <summary>
    /// ∂loss/∂S[i, k] = Σ_j G[i, j]·∂P[i, j]/∂S[i, k], with the softmax's Jacobian ∂P[i, j]/∂S[i, k] = P[i, j]·(δ_jk − P[i, k]).
    /// </summary>
    public static Matrix SoftmaxBackward(Matrix weights, Matrix weightsGradient)
    {
        var d = new Matrix(weights.Rows, weights.Cols);
        for (int i = 0; i < weights.Rows; i++)
        {
            for (int k = 0; k < weights.Cols; k++)
            {
                double sum = 0;
                for (int j = 0; j < weights.Cols; j++)
                {
                    double jacobian = weights[i, j] * ((j == k ? 1 : 0) - weights[i, k]);
                    sum += weightsGradient[i, j] * jacobian;
                }

                d[i, k] = sum;
            }
        }

        return d;
    }

    /// <summary>The chain rule through O = P·V, P = softmax(S), S = Q·Kᵀ/√d.</summary>
    public static (Matrix Queries, Matrix Keys, Matrix Values) Backward(Matrix queries, Matrix keys, Matrix values, bool causal, Matrix outputGradient)
    {
        Matrix p = Softmax(Scores(queries, keys), causal);
        Matrix dValues = Product(Transposed(p), outputGradient);
        Matrix dScores = SoftmaxBackward(p, Product(outputGradient, Transposed(values)));
        Matrix dQueries = Product(dScores, keys), dKeys = Product(Transposed(dScores), queries);
        double root = Math.Sqrt(queries.Cols);
        foreach (Matrix m in (Matrix[])[dQueries, dKeys])
        {
            for (int i = 0; i < m.Data.Length; i++)
            {
                m.Data[i] /= root;
            }
        }

        return (dQueries, dKeys, dValues);
    }

    /// <summary>PE[t, 2i] = sin(t·ω_i), PE[t, 2i + 1] = cos(t·ω_i), ω_i = 1 / 10000^(2i / width).</summary>
    public static Matrix Sinusoidal(int length, int width)
    {
        var pe = new Matrix(length, width);
        for (int t = 0; t < length; t++)
        {
            for (int column = 0; column < width; column++)
            {
                int pair = column / 2;
                double angle = t / Math.Pow(10000, 2.0 * pair / width);
                pe[t, column] = column % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
        }

        return pe;
    }

    /// <summary>Multi-head self-attention: head h attends on its columns of X·W_Q, X·W_K, X·W_V; the heads side by side, times W_O.</summary>
    public static Matrix SelfAttention(Weights w, Matrix x, bool causal) => Product(Concatenated(w, x, causal), w.Output);

    /// <summary>The chain rule through <see cref="SelfAttention"/>: the gradients of the four weights and of X.</summary>
    public static (Weights Weights, Matrix Input) SelfAttentionBackward(Weights w, Matrix x, bool causal, Matrix outputGradient)
    {
        Matrix q = Product(x, w.Query), k = Product(x, w.Key), v = Product(x, w.Value);
        Matrix dOutputWeights = Product(Transposed(Concatenated(w, x, causal)), outputGradient);
        Matrix dConcat = Product(outputGradient, Transposed(w.Output));
        Matrix dQ = new(x.Rows, w.Width), dK = new(x.Rows, w.Width), dV = new(x.Rows, w.Width);
        for (int h = 0; h < w.Heads; h++)
        {
            int first = h * w.HeadWidth;
            (Matrix dQh, Matrix dKh, Matrix dVh) = Backward(Columns(q, first, w.HeadWidth), Columns(k, first, w.HeadWidth), Columns(v, first, w.HeadWidth), causal, Columns(dConcat, first, w.HeadWidth));
            Place(dQ, first, dQh);
            Place(dK, first, dKh);
            Place(dV, first, dVh);
        }

        Matrix xT = Transposed(x);
        Matrix dX = Product(dQ, Transposed(w.Query));
        Matrix fromK = Product(dK, Transposed(w.Key)), fromV = Product(dV, Transposed(w.Value));
        for (int i = 0; i < dX.Data.Length; i++)
        {
            dX.Data[i] += fromK.Data[i] + fromV.Data[i];
        }

        return (new Weights(Product(xT, dQ), Product(xT, dK), Product(xT, dV), dOutputWeights, w.Heads), dX);
    }

    /// <summary>Columns first … first + count − 1 of m, copied.</summary>
    public static Matrix Columns(Matrix m, int first, int count)
    {
        var slice = new Matrix(m.Rows, count);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < count; j++)
            {
                slice[i, j] = m[i, first + j];
            }
        }

        return slice;
    }

    /// <summary><paramref name="relative"/> times the largest magnitude among <paramref name="values"/>, at least <paramref name="relative"/>.</summary>
    public static double Tolerance(double relative, IEnumerable<double> values) => relative * Math.Max(1, values.Select(Math.Abs).DefaultIfEmpty(0).Max());

    private static Matrix Concatenated(Weights w, Matrix x, bool causal)
    {
        Matrix q = Product(x, w.Query), k = Product(x, w.Key), v = Product(x, w.Value);
        var concat = new Matrix(x.Rows, w.Width);
        for (int h = 0; h < w.Heads; h++)
        {
            int first = h * w.HeadWidth;
            Place(concat, first, Attend(Columns(q, first, w.HeadWidth), Columns(k, first, w.HeadWidth), Columns(v, first, w.HeadWidth), causal));
        }

        return concat;
    }

    private static void Place(Matrix target, int first, Matrix slice)
    {
        for (int i = 0; i < slice.Rows; i++)
        {
            for (int j = 0; j < slice.Cols; j++)
            {
                target[i, first + j] = slice[i, j];
            }
        }
    }

    /// <summary>Copies of an attention layer's four weight matrices (or their gradients) and its number of heads.</summary>
    public sealed record Weights(Matrix Query, Matrix Key, Matrix Value, Matrix Output, int Heads)
    {
        public int Width => Query.Rows;

        public int HeadWidth => Width / Heads;

        public static Weights Of(AttentionLayer layer) =>
            new(layer.QueryWeights.Clone(), layer.KeyWeights.Clone(), layer.ValueWeights.Clone(), layer.OutputWeights.Clone(), layer.Heads);
    }

    /// <summary>
    /// The toy sequence model on copies of a <see cref="SequenceModel"/>'s numbers: its forward pass, the
    /// mean cross-entropy of a batch with the gradient of every parameter, and an optimizer step (gradient
    /// descent, with momentum when <c>beta</c> &gt; 0: v ← β·v + g, θ ← θ − η·v).
    /// </summary>
    public sealed class Model
    {
        private readonly Dictionary<string, double[]> velocities = [];

        public Model(SequenceModel model)
        {
            Embedding = model.Embedding.Clone();
            Attention = Weights.Of(model.Attention);
            Readout = model.Readout.Clone();
            ReadoutBias = [.. model.ReadoutBias];
            Causal = model.Causal;
        }

        public Matrix Embedding { get; }

        public Weights Attention { get; }

        public Matrix Readout { get; }

        public double[] ReadoutBias { get; }

        public bool Causal { get; }

        /// <summary>X = E[tokens] + PE; H = self-attention of X; H·W_r + b_r.</summary>
        public Matrix Forward(int[] tokens) => Logits(Hidden(Input(tokens)));

        /// <summary>
        /// The loss of the batch, the mean of every sequence's mean cross-entropy, and its gradient (in the
        /// order Embedding, W_Q, W_K, W_V, W_O, Readout, ReadoutBias).
        /// </summary>
        public (double Loss, double[][] Gradient) BatchGradient(int[][] inputs, int[][] targets)
        {
            int d = Embedding.Cols, vocabulary = Embedding.Rows;
            Matrix dE = new(vocabulary, d), dWr = new(d, vocabulary);
            Matrix dWq = new(d, d), dWk = new(d, d), dWv = new(d, d), dWo = new(d, d);
            var dBr = new double[vocabulary];
            double loss = 0;
            for (int n = 0; n < inputs.Length; n++)
            {
                int[] tokens = inputs[n], target = targets[n];
                Matrix x = Input(tokens), h = Hidden(x), z = Logits(h);
                int length = tokens.Length;

                // Mean cross-entropy over the positions; ∂/∂z = (softmax − one-hot) / T.
                var dZ = new Matrix(length, vocabulary);
                double sequenceLoss = 0;
                for (int t = 0; t < length; t++)
                {
                    double max = double.NegativeInfinity;
                    for (int j = 0; j < vocabulary; j++)
                    {
                        max = Math.Max(max, z[t, j]);
                    }

                    double sum = 0;
                    for (int j = 0; j < vocabulary; j++)
                    {
                        sum += Math.Exp(z[t, j] - max);
                    }

                    sequenceLoss += max + Math.Log(sum) - z[t, target[t]];
                    for (int j = 0; j < vocabulary; j++)
                    {
                        dZ[t, j] = ((Math.Exp(z[t, j] - max) / sum) - (j == target[t] ? 1 : 0)) / length;
                    }
                }

                loss += sequenceLoss / length;
                Add(dWr, Product(Transposed(h), dZ));
                for (int t = 0; t < length; t++)
                {
                    for (int j = 0; j < vocabulary; j++)
                    {
                        dBr[j] += dZ[t, j];
                    }
                }

                (Weights g, Matrix dX) = SelfAttentionBackward(Attention, x, Causal, Product(dZ, Transposed(Readout)));
                Add(dWq, g.Query);
                Add(dWk, g.Key);
                Add(dWv, g.Value);
                Add(dWo, g.Output);
                for (int t = 0; t < length; t++)
                {
                    for (int j = 0; j < d; j++)
                    {
                        dE[tokens[t], j] += dX[t, j];
                    }
                }
            }

            double[][] gradient = [dE.Data, dWq.Data, dWk.Data, dWv.Data, dWo.Data, dWr.Data, dBr];
            foreach (double[] part in gradient)
            {
                for (int i = 0; i < part.Length; i++)
                {
                    part[i] /= inputs.Length;
                }
            }

            return (loss / inputs.Length, gradient);
        }

        /// <summary>One step on the batch with learning rate η (and momentum β); returns the loss before it.</summary>
        public double Step(int[][] inputs, int[][] targets, double learningRate, double beta = 0)
        {
            (double loss, double[][] gradient) = BatchGradient(inputs, targets);
            double[][] parameters = Parameters();
            for (int p = 0; p < parameters.Length; p++)
            {
                string key = Names[p];
                if (!velocities.TryGetValue(key, out double[]? v))
                {
                    v = new double[parameters[p].Length];
                    velocities.Add(key, v);
                }

                for (int i = 0; i < v.Length; i++)
                {
                    v[i] = (beta * v[i]) + gradient[p][i];
                    parameters[p][i] -= learningRate * v[i];
                }
            }

            return loss;
        }

        /// <summary>Asserts that <paramref name="model"/>'s numbers are the reference's, within a tolerance relative to their size.</summary>
        public void ShouldMatchTheParametersOf(SequenceModel model, double relative, string after)
        {
            double[][] expected = Parameters();
            double[][] actual =
            [
                model.Embedding.Data, model.Attention.QueryWeights.Data, model.Attention.KeyWeights.Data, model.Attention.ValueWeights.Data,
                model.Attention.OutputWeights.Data, model.Readout.Data, model.ReadoutBias,
            ];
            for (int p = 0; p < expected.Length; p++)
            {
                actual[p].ShouldBe(expected[p], Tolerance(relative, expected[p]), $"{Names[p]} {after}");
            }
        }

        private static readonly string[] Names = ["Embedding", "Attention.QueryWeights", "Attention.KeyWeights", "Attention.ValueWeights", "Attention.OutputWeights", "Readout", "ReadoutBias"];

        private double[][] Parameters() =>
            [Embedding.Data, Attention.Query.Data, Attention.Key.Data, Attention.Value.Data, Attention.Output.Data, Readout.Data, ReadoutBias];

        private static void Add(Matrix total, Matrix part)
        {
            for (int i = 0; i < total.Data.Length; i++)
            {
                total.Data[i] += part.Data[i];
            }
        }

        private Matrix Input(int[] tokens)
        {
            Matrix x = Sinusoidal(tokens.Length, Embedding.Cols);
            for (int t = 0; t < tokens.Length; t++)
            {
                for (int j = 0; j < Embedding.Cols; j++)
                {
                    x[t, j] += Embedding[tokens[t], j];
                }
            }

            return x;
        }

        private Matrix Hidden(Matrix x) => SelfAttention(Attention, x, Causal);

        private Matrix Logits(Matrix h)
        {
            Matrix z = Product(h, Readout);
            for (int t = 0; t < z.Rows; t++)
            {
                for (int j = 0; j < z.Cols; j++)
                {
                    z[t, j] += ReadoutBias[j];
                }
            }

            return z;
        }
    }
}
