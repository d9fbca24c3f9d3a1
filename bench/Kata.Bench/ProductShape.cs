using System.Globalization;

namespace Kata.Bench;

/// <summary>n x k x m from "64x784x128".</summary>
internal static class ProductShape
{
    public static (int N, int K, int M) Parse(string shape)
    {
        int[] sizes = [.. shape.Split('x').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        return (sizes[0], sizes[1], sizes[2]);
    }
}
