namespace NeuralNet;

/// <summary>My linear algebra for checkpoint 1.</summary>
public static class LinearAlgebra
{
    // Sum of every column.
    public static double[] ColumnSums(Matrix m) {
        double[] totals = new double[m.Cols];
        for (int r = 0; r < m.Rows; r++) {
            for (int c = 0; c < m.Cols; c++) {
                totals[c] = totals[c] + m[r, c];
            }
        }
        return totals;
    }

    /* element-wise product */
    public static Matrix Hadamard(Matrix left, Matrix right) {
        EnsureSameShape("Hadamard", left, right);
        Matrix output = new Matrix(left.Rows, left.Cols);
        for (int r = 0; r < left.Rows; r++) {
            for (int c = 0; c < left.Cols; c++) {
                output[r, c] = left[r, c] * right[r, c];
            }
        }
        return output;
    }

    public static Matrix MatMul(Matrix left, Matrix right)
    {
        if (left.Cols != right.Rows)
            throw new ArgumentException("MatMul: shapes " + left.Shape + " and " + right.Shape + " do not fit.");

        Matrix product = new Matrix(left.Rows, right.Cols);
        for (int r = 0; r < left.Rows; r++)
        {
            for (int c = 0; c < right.Cols; c++)
            {
                double acc = 0;
                for (int n = 0; n < left.Cols; n++)
                {
                    acc = acc + left[r, n] * right[n, c];
                }

                product[r, c] = acc;
            }
        }
        return product;
    }

    // the dot product of two vectors
    public static double Dot(double[] u, double[] v)
    {
        if (u.Length != v.Length) { throw new ArgumentException("Dot: lengths differ: " + u.Length + " vs " + v.Length); }
        double total = 0;
        for (int n = 0; n < u.Length; n++) { total = total + u[n] * v[n]; }
        return total;
    }

    public static Matrix Scale(Matrix m, double k)
    {
        Matrix output = new Matrix(m.Rows, m.Cols);
        for (int r = 0; r < m.Rows; r++)
        {
            for (int c = 0; c < m.Cols; c++)
            {
                output[r, c] = k * m[r, c];
            }
        }
        return output;
    }

    public static Matrix Subtract(Matrix left, Matrix right)
    {
        EnsureSameShape("Subtract", left, right);
        Matrix output = new Matrix(left.Rows, left.Cols);
        for (int r = 0; r < left.Rows; r++)
        {
            for (int c = 0; c < left.Cols; c++)
            {
                output[r, c] = left[r, c] - right[r, c];
            }
        }
        return output;
    }

    public static Matrix Add(Matrix left, Matrix right)
    {
        EnsureSameShape("Add", left, right);
        Matrix output = new Matrix(left.Rows, left.Cols);
        for (int r = 0; r < left.Rows; r++)
        {
            for (int c = 0; c < left.Cols; c++)
            {
                output[r, c] = left[r, c] + right[r, c];
            }
        }
        return output;
    }

    public static Matrix AddRowVector(Matrix m, double[] bias)
    {
        if (bias.Length != m.Cols)
        {
            throw new ArgumentException("AddRowVector: the bias has " + bias.Length + " entries, the matrix is " + m.Shape);
        }
        Matrix output = new Matrix(m.Rows, m.Cols);
        for (int r = 0; r < m.Rows; r++)
        {
            for (int c = 0; c < m.Cols; c++)
            {
                output[r, c] = m[r, c] + bias[c];
            }
        }
        return output;
    }

    // flip rows and columns
    public static Matrix Transpose(Matrix m)
    {
        Matrix flipped = new Matrix(m.Cols, m.Rows);
        for (int r = 0; r < m.Rows; r++)
        {
            for (int c = 0; c < m.Cols; c++)
            {
                flipped[c, r] = m[r, c];
            }
        }
        return flipped;
    }

    static void EnsureSameShape(string op, Matrix left, Matrix right)
    {
        if (left.Rows != right.Rows || left.Cols != right.Cols)
            throw new ArgumentException(op + ": " + left.Shape + " is not " + right.Shape);
    }
}
