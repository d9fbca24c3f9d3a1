namespace NeuralNet;

public static class Evaluation
{
    public static double Accuracy(this Network net, Matrix inputs, int[] truth)
    {
        if (truth.Length != inputs.Rows)
            throw new ArgumentException("Accuracy: got " + truth.Length + " labels but " + inputs.Shape + " inputs");

        int[] guesses = net.Predict(inputs);
        int correct = 0;
        for (int n = 0; n < truth.Length; n++)
        {
            if (guesses[n] == truth[n])
            {
                correct++;
            }
        }
        return (double)correct / truth.Length;
    }

    // index of the largest score in each row
    public static int[] Predict(this Network net, Matrix inputs)
    {
        Matrix outputs = net.Forward(inputs);
        int[] guesses = new int[outputs.Rows];
        for (int r = 0; r < outputs.Rows; r++)
        {
            int top = 0;
            for (int c = 1; c < outputs.Cols; c++)
            {
                if (outputs[r, c] > outputs[r, top])
                {
                    top = c;
                }
            }
            guesses[r] = top;
        }
        return guesses;
    }
}
