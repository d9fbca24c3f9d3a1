namespace NeuralNet;

// A beginner's checkpoint 1: plain loops through the m[i, j] indexer, a new matrix for every result.
public static class LinearAlgebra
{
    public static double Dot(double[] a, double[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Dot: the vectors have lengths " + a.Length + " and " + b.Length + ".");
        }

        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum = sum + a[i] * b[i];
        }

        return sum;
    }

    public static Matrix MatMul(Matrix a, Matrix b)
    {
        if (a.Cols != b.Rows)
        {
            throw new ArgumentException("MatMul: cannot multiply " + a.Shape + " by " + b.Shape + ".");
        }

        Matrix c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < a.Cols; k++)
                {
                    sum = sum + a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    public static Matrix Transpose(Matrix a)
    {
        Matrix t = new Matrix(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    public static Matrix Add(Matrix a, Matrix b)
    {
        CheckSameShape("Add", a, b);
        Matrix result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] + b[i, j];
            }
        }

        return result;
    }

    public static Matrix Subtract(Matrix a, Matrix b)
    {
        CheckSameShape("Subtract", a, b);
        Matrix result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] - b[i, j];
            }
        }

        return result;
    }

    public static Matrix Hadamard(Matrix a, Matrix b)
    {
        CheckSameShape("Hadamard", a, b);
        Matrix result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] * b[i, j];
            }
        }

        return result;
    }

    public static Matrix Scale(Matrix a, double factor)
    {
        Matrix result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = factor * a[i, j];
            }
        }

        return result;
    }

    public static Matrix AddRowVector(Matrix a, double[] row)
    {
        if (row.Length != a.Cols)
        {
            throw new ArgumentException("AddRowVector: a vector of length " + row.Length + " does not fit the rows of a " + a.Shape + " matrix.");
        }

        Matrix result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] + row[j];
            }
        }

        return result;
    }

    public static double[] ColumnSums(Matrix a)
    {
        double[] sums = new double[a.Cols];
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                sums[j] = sums[j] + a[i, j];
            }
        }

        return sums;
    }

    private static void CheckSameShape(string operation, Matrix a, Matrix b)
    {
        if (a.Rows != b.Rows || a.Cols != b.Cols)
        {
            throw new ArgumentException(operation + ": the shapes " + a.Shape + " and " + b.Shape + " are different.");
        }
    }
}
