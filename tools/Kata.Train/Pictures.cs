using NeuralNet;
using SkiaSharp;

namespace Kata.Train;

/// <summary>
/// The pictures `./kata train` writes beside the loss curve: the test images the network got wrong, and
/// what its first layer looks at — for a dense network each hidden neuron's 784 weights as a 28x28 image,
/// for a convolutional one each filter. Drawn with SkiaSharp, which ScottPlot brings along.
/// </summary>
internal static class Pictures
{
    private const int Columns = 10;
    private const int Margin = 12;
    private const int TitleHeight = 34;
    private const int CaptionHeight = 18;

    /// <summary>The path of a picture beside the loss curve: artifacts/train/loss.png → artifacts/train/mistakes.png.</summary>
    public static string Beside(string lossPng, string name)
    {
        string folder = Path.GetDirectoryName(lossPng)!, stem = Path.GetFileNameWithoutExtension(lossPng);
        return Path.Combine(folder, stem == "loss" ? $"{name}.png" : $"{stem}-{name}.png");
    }

    /// <summary>
    /// Up to 60 test images the network classified wrongly, in test-set order, each captioned "true → answer"
    /// (the digits, not the class numbers). Returns how many are shown.
    /// </summary>
    public static int Mistakes(string path, Matrix images, int[] labels, int[] predicted, IReadOnlyList<int> digits)
    {
        var tiles = new List<Tile>();
        for (int i = 0; i < labels.Length && tiles.Count < 60; i++)
        {
            if (predicted[i] != labels[i])
            {
                int row = i;
                tiles.Add(new Tile(28, 28, (y, x) => Grey(images[row, (y * 28) + x]), $"{digits[labels[i]]} → {digits[predicted[i]]}"));
            }
        }

        int wrong = labels.Where((label, i) => predicted[i] != label).Count();
        Draw(path, tiles, scale: 3, $"{wrong:N0} of {labels.Length:N0} test images wrong; the first {tiles.Count}, true digit → the network's answer");
        return tiles.Count;
    }

    /// <summary>
    /// The weights into each of the first 60 neurons of the first hidden layer (column j of a 784 x n matrix)
    /// as a 28x28 image: red where a dark pixel raises the neuron's sum, blue where it lowers it.
    /// </summary>
    public static void FirstLayer(string path, Matrix weights)
    {
        var tiles = new List<Tile>();
        for (int j = 0; j < Math.Min(weights.Cols, 60); j++)
        {
            int neuron = j;
            double scale = MaxAbs(Enumerable.Range(0, weights.Rows).Select(i => weights[i, neuron]));
            tiles.Add(new Tile(28, 28, (y, x) => Diverging(weights[(y * 28) + x, neuron] / scale), $"neuron {neuron}"));
        }

        Draw(path, tiles, scale: 3, $"First layer: the weights into {tiles.Count} of {weights.Cols} hidden neurons (red +, blue −, each scaled to its largest)");
    }

    /// <summary>Each filter of a convolution layer over grey images as a k x k image, coloured like <see cref="FirstLayer"/>.</summary>
    public static void Filters(string path, ConvLayer conv)
    {
        int k = conv.KernelSize;
        var tiles = new List<Tile>();
        for (int f = 0; f < conv.Filters; f++)
        {
            int filter = f;
            double scale = MaxAbs(Enumerable.Range(0, k * k).Select(p => conv.Kernels[p * conv.Input.Channels, filter]));
            tiles.Add(new Tile(k, k, (y, x) => Diverging(conv.Kernels[((y * k) + x) * conv.Input.Channels, filter] / scale), $"filter {filter}"));
        }

        Draw(path, tiles, scale: 84 / k, $"The {conv.Filters} filters of {k}x{k} pixels (red +, blue −, each scaled to its largest)");
    }

    /// <summary>
    /// Where each attention head looks for one sequence: a T x T square per head, row t the weights of position t
    /// over the positions it may see (black 1, white 0; the causal mask leaves the upper right white).
    /// </summary>
    public static void Heads(string path, IReadOnlyList<(string Caption, Matrix Weights)> heads, string sequence)
    {
        int size = heads.Count == 0 ? 1 : heads[0].Weights.Rows;
        var tiles = heads.Select(h => new Tile(h.Weights.Rows, h.Weights.Cols, (y, x) => Grey(h.Weights[y, x]), h.Caption)).ToList();
        string shown = sequence.Replace("\n", "⏎", StringComparison.Ordinal);
        Draw(path, tiles, scale: Math.Max(2, 192 / size), $"Where each head looks in \"{shown}\": row t = position t's attention weights over positions 0 … t (black 1, white 0)");
    }

    // Tiles in rows of ten, each `scale` screen pixels per image pixel, with its caption beneath and a title on top.
    private static void Draw(string path, IReadOnlyList<Tile> tiles, int scale, string title)
    {
        int tileWidth = Math.Max(tiles.Count == 0 ? 84 : tiles.Max(t => t.Width) * scale, 84);
        int tileHeight = (tiles.Count == 0 ? 84 : tiles.Max(t => t.Height) * scale) + CaptionHeight;
        int columns = Math.Max(1, Math.Min(Columns, tiles.Count)), rows = Math.Max(1, (tiles.Count + Columns - 1) / Columns);
        int width = Math.Max((Margin * 2) + (columns * (tileWidth + Margin)), 760);
        int height = TitleHeight + Margin + (rows * (tileHeight + Margin));

        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var titleFont = new SKFont(SKTypeface.Default, 15);
        using var captionFont = new SKFont(SKTypeface.Default, 13);
        canvas.DrawText(title, Margin, 22, SKTextAlign.Left, titleFont, ink);

        using var pixel = new SKPaint();
        using var frame = new SKPaint { Color = SKColors.LightGray, Style = SKPaintStyle.Stroke };
        for (int t = 0; t < tiles.Count; t++)
        {
            Tile tile = tiles[t];
            float left = Margin + ((t % Columns) * (tileWidth + Margin)), top = TitleHeight + ((t / Columns) * (tileHeight + Margin));
            for (int y = 0; y < tile.Height; y++)
            {
                for (int x = 0; x < tile.Width; x++)
                {
                    pixel.Color = tile.Pixel(y, x);
                    canvas.DrawRect(left + (x * scale), top + (y * scale), scale, scale, pixel);
                }
            }

            canvas.DrawRect(left, top, tile.Width * scale, tile.Height * scale, frame);
            canvas.DrawText(tile.Caption, left + (tile.Width * scale / 2f), top + (tile.Height * scale) + 14, SKTextAlign.Center, captionFont, ink);
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, png.ToArray());
    }

    // Ink on paper: 0 is white, 1 is black.
    private static SKColor Grey(double value)
    {
        byte level = (byte)Math.Round(255 * (1 - Math.Clamp(value, 0, 1)));
        return new SKColor(level, level, level);
    }

    // −1 blue, 0 white, +1 red.
    private static SKColor Diverging(double value)
    {
        double v = Math.Clamp(value, -1, 1);
        byte fade = (byte)Math.Round(255 * (1 - Math.Abs(v)));
        return v >= 0 ? new SKColor(255, fade, fade) : new SKColor(fade, fade, 255);
    }

    private static double MaxAbs(IEnumerable<double> values) => Math.Max(values.Max(Math.Abs), 1e-12);

    private sealed record Tile(int Height, int Width, Func<int, int, SKColor> Pixel, string Caption);
}
