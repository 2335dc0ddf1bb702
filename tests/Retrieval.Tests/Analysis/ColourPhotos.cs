using SkiaSharp;

namespace Retrieval.Tests.Analysis;

/// <summary>Real JPEGs of one dominant colour with some texture, as a camera would not make but a decoder reads like any other.</summary>
internal static class ColourPhotos
{
    /// <summary>
    /// The colours written, by the name the mean-colour analyzer must give them, each with the file it is written to:
    /// the file names hold no colour's name, so only the analyzer's keyword field can find a photo by its colour.
    /// </summary>
    public static IReadOnlyDictionary<string, (string File, SKColor Colour)> Named { get; } = new Dictionary<string, (string, SKColor)>
    {
        ["red"] = ("kite", new(205, 35, 30)), ["green"] = ("lawn", new(40, 165, 55)), ["blue"] = ("lake", new(35, 60, 195)), ["yellow"] = ("dune", new(230, 215, 45)),
    };

    /// <summary>The file name of the photo of colour <paramref name="name"/>.</summary>
    public static string FileOf(string name) => $"{Named[name].File}.jpg";

    /// <summary>Writes each named colour's photo into <paramref name="folder"/> (<paramref name="copies"/> of each, numbered after the first).</summary>
    public static List<string> Write(string folder, int copies = 1)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (file, colour) in Named.Values)
        {
            for (var copy = 0; copy < copies; copy++)
            {
                var path = Path.Combine(folder, copy == 0 ? $"{file}.jpg" : $"{file}-{copy}.jpg");
                File.WriteAllBytes(path, Jpeg(colour, seed: (file[0] * 7919) + (file[1] * 31) + copy));
                written.Add(path);
            }
        }

        return written;
    }

    private static byte[] Jpeg(SKColor colour, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(320, 240);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                int Jitter(byte value) => Math.Clamp(value + random.Next(-20, 21), 0, 255);
                bitmap.SetPixel(x, y, new SKColor((byte)Jitter(colour.Red), (byte)Jitter(colour.Green), (byte)Jitter(colour.Blue)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
