using SkiaSharp;

namespace Retrieval.Testing;

/// <summary>
/// A small library of the same people in several photos, made at test time from real Flickr8k photos in
/// <c>../shared/datasets/flickr8k-224/images-partial</c> (each holding one large, clear face: the face analyzer found it at
/// 72–109 px with a score of 0.96 or more; chosen so that dlib's descriptors keep them apart — a third woman of the set,
/// 2095007523, lies within 0.55 of the girl in 1107471216 on every variant, and would be one person with her): each person is one photo's face, shown in <see cref="FilesPerPerson"/> files —
/// the photo, mirrored, enlarged by a quarter, brightened. Different photos are different people (strangers on Flickr).
/// <see cref="Pair"/> shows the first and third people side by side; <see cref="Lone"/>'s person is in too few photos to
/// become a person. Identity by construction: every file of a person shows the same face.
/// </summary>
public static class PeopleSet
{
    /// <summary>Where the photos come from, under <c>../shared</c>.</summary>
    public const string Source = "datasets/flickr8k-224/images-partial";

    /// <summary>How many files show each person.</summary>
    public const int FilesPerPerson = 4;

    /// <summary>The people: a name for the test and their Flickr8k photo.</summary>
    public static IReadOnlyList<(string Person, string Photo)> People { get; } =
    [
        ("anna", "1107471216_4336c9b328.jpg"),
        ("ben", "1989145280_3b54452188.jpg"),
        ("cleo", "160541986_d5be2ab4c1.jpg"),
        ("dev", "1803631090_05e07cc159.jpg"),
    ];

    /// <summary>The person in only two files (below the three a new person takes).</summary>
    public static (string Person, string Photo) Lone { get; } = ("lone", "1434607942_da5432c28c.jpg");

    /// <summary>The file showing anna and cleo side by side.</summary>
    public const string Pair = "pair-anna-cleo.jpg";

    /// <summary>The files of <paramref name="person"/> (not counting <see cref="Pair"/>).</summary>
    public static IReadOnlyList<string> FilesOf(string person) =>
        [.. Enumerable.Range(0, person == Lone.Person ? 2 : FilesPerPerson).Select(i => $"{person}-{i}.jpg")];

    /// <summary>Writes the library into <paramref name="folder"/> (created) from the photos in <c>../shared</c> (<see cref="Source"/>; a skip without them); returns it.</summary>
    public static string WriteTo(string folder)
    {
        var source = SharedFolder.Require(Source);
        Directory.CreateDirectory(folder);
        foreach (var (person, photo) in People.Append(Lone))
        {
            using var original = SKBitmap.Decode(Path.Combine(source, photo));
            var files = FilesOf(person);
            for (var i = 0; i < files.Count; i++)
            {
                using var variant = Variant(original, i);
                Save(variant, Path.Combine(folder, files[i]));
            }
        }

        using var left = SKBitmap.Decode(Path.Combine(source, People[0].Photo));
        using var right = SKBitmap.Decode(Path.Combine(source, People[2].Photo));
        using var pair = new SKBitmap(left.Width + right.Width, Math.Max(left.Height, right.Height));
        using (var canvas = new SKCanvas(pair))
        {
            canvas.Clear(SKColors.White);
            using var leftImage = SKImage.FromBitmap(left);
            using var rightImage = SKImage.FromBitmap(right);
            canvas.DrawImage(leftImage, 0, 0, SKSamplingOptions.Default);
            canvas.DrawImage(rightImage, left.Width, 0, SKSamplingOptions.Default);
        }

        Save(pair, Path.Combine(folder, Pair));
        return folder;
    }

    /// <summary>Variant <paramref name="i"/>: 0 the photo, 1 mirrored, 2 enlarged by a quarter, 3 brightened.</summary>
    private static SKBitmap Variant(SKBitmap original, int i)
    {
        var scale = i == 2 ? 1.25f : 1;
        var variant = new SKBitmap((int)(original.Width * scale), (int)(original.Height * scale));
        using var canvas = new SKCanvas(variant);
        if (i == 1)
        {
            canvas.Scale(-1, 1, variant.Width / 2f, 0);
        }

        using var image = SKImage.FromBitmap(original);
        using var paint = new SKPaint();
        if (i == 3)
        {
            paint.ColorFilter = SKColorFilter.CreateColorMatrix([1.15f, 0, 0, 0, 0, 0, 1.15f, 0, 0, 0, 0, 0, 1.15f, 0, 0, 0, 0, 0, 1, 0]);
        }

        canvas.DrawImage(image, SKRect.Create(0, 0, variant.Width, variant.Height), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        return variant;
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        File.WriteAllBytes(path, data.ToArray());
    }
}
