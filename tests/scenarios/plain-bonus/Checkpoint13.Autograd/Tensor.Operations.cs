namespace NeuralNet;

// A plain learner's matrix operations: each one computes its matrix with checkpoint-1 code and adds
// (never sets) what dC sends to each input, a new matrix of the input's shape every time.
public sealed partial class Tensor
{
    public Tensor MatMul(Tensor other)
    {
        Tensor a = this;
        Tensor b = other;
        Matrix c = LinearAlgebra.MatMul(a.Data, b.Data);
        return new Tensor(c, "MatMul", [a, b], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, LinearAlgebra.MatMul(output.Grad, LinearAlgebra.Transpose(b.Data)));
            b.Grad = LinearAlgebra.Add(b.Grad, LinearAlgebra.MatMul(LinearAlgebra.Transpose(a.Data), output.Grad));
        });
    }

    public Tensor Add(Tensor other)
    {
        Tensor a = this;
        Tensor b = other;
        Matrix c = LinearAlgebra.Add(a.Data, b.Data);
        return new Tensor(c, "Add", [a, b], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, output.Grad);
            b.Grad = LinearAlgebra.Add(b.Grad, output.Grad);
        });
    }

    public Tensor AddRowVector(Tensor row)
    {
        if (row.Rows != 1 || row.Cols != Cols)
        {
            throw new ArgumentException($"AddRowVector: cannot add a {row.Shape} row to every row of a {Shape} tensor; the row must be 1x{Cols}.");
        }

        Tensor a = this;
        Matrix c = LinearAlgebra.AddRowVector(a.Data, row.Data.Data);
        return new Tensor(c, "AddRowVector", [a, row], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, output.Grad);
            double[] sums = LinearAlgebra.ColumnSums(output.Grad);
            row.Grad = LinearAlgebra.Add(row.Grad, new Matrix(1, sums.Length, sums));
        });
    }

    public Tensor Hadamard(Tensor other)
    {
        Tensor a = this;
        Tensor b = other;
        Matrix c = LinearAlgebra.Hadamard(a.Data, b.Data);
        return new Tensor(c, "Hadamard", [a, b], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, LinearAlgebra.Hadamard(output.Grad, b.Data));
            b.Grad = LinearAlgebra.Add(b.Grad, LinearAlgebra.Hadamard(output.Grad, a.Data));
        });
    }

    public Tensor Scale(double factor)
    {
        Tensor a = this;
        Matrix c = LinearAlgebra.Scale(a.Data, factor);
        return new Tensor(c, "Scale", [a], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, LinearAlgebra.Scale(output.Grad, factor));
        });
    }

    public Tensor Activate(ActivationFunction activation)
    {
        Tensor z = this;
        Matrix c = Activations.Apply(z.Data, activation);
        return new Tensor(c, activation.Name, [z], output =>
        {
            Matrix slope = Backpropagation.ActivationDerivative(z.Data, activation);
            z.Grad = LinearAlgebra.Add(z.Grad, LinearAlgebra.Hadamard(output.Grad, slope));
        });
    }

    public Tensor Exp()
    {
        Tensor a = this;
        var c = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                c[i, j] = Math.Exp(a.Data[i, j]);
            }
        }

        return new Tensor(c, "Exp", [a], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, LinearAlgebra.Hadamard(output.Grad, c));
        });
    }

    public Tensor Log()
    {
        Tensor a = this;
        var c = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                c[i, j] = Math.Log(a.Data[i, j]);
            }
        }

        return new Tensor(c, "Log", [a], output =>
        {
            var share = new Matrix(a.Rows, a.Cols);
            for (int i = 0; i < a.Rows; i++)
            {
                for (int j = 0; j < a.Cols; j++)
                {
                    share[i, j] = output.Grad[i, j] / a.Data[i, j];
                }
            }

            a.Grad = LinearAlgebra.Add(a.Grad, share);
        });
    }

    public Tensor Sum()
    {
        Tensor a = this;
        double total = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                total += a.Data[i, j];
            }
        }

        return new Tensor(Matrix.FromRows([total]), "Sum", [a], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, Filled(a.Rows, a.Cols, output.Grad[0, 0]));
        });
    }

    public Tensor Mean()
    {
        Tensor a = this;
        int count = a.Rows * a.Cols;
        double total = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                total += a.Data[i, j];
            }
        }

        return new Tensor(Matrix.FromRows([total / count]), "Mean", [a], output =>
        {
            a.Grad = LinearAlgebra.Add(a.Grad, Filled(a.Rows, a.Cols, output.Grad[0, 0] / count));
        });
    }

    public Tensor SoftmaxCrossEntropy(int[] labels)
    {
        Tensor z = this;
        double loss = Loss.CrossEntropy(z.Data, labels);
        return new Tensor(Matrix.FromRows([loss]), "SoftmaxCrossEntropy", [z], output =>
        {
            Matrix gradient = Loss.CrossEntropyGradient(z.Data, labels);
            z.Grad = LinearAlgebra.Add(z.Grad, LinearAlgebra.Scale(gradient, output.Grad[0, 0]));
        });
    }

    private static Matrix Filled(int rows, int cols, double value)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                m[i, j] = value;
            }
        }

        return m;
    }
}
