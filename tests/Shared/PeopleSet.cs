using System.Text.Json;
using SkiaSharp;

namespace Retrieval.Testing;

/// <summary>
/// A small library of the same people in several photos, made at test time from the committed face set's real COCO
/// photos (<c>tests/faces-set</c>, CC BY / BY-SA, see its SOURCES.md): each person is one face of one photo, shown in
/// <see cref="FilesPerPerson"/> files — crops around it at different margins, one mirrored — enlarged so the face is well
/// over the indexer's minimum size. <see cref="Pair"/> shows two people side by side; <see cref="Lone"/>'s person is in
/// too few photos to become a person. Identity by construction: every file of a person shows the same face.
/// </summary>
public static class PeopleSet
{
    /// <summary>How many files show each person.</summary>
    public const int FilesPerPerson = 4;

    /// <summary>The people: a name for the test, the face set's photo, and which of its faces (the original's order).</summary>
    public static IReadOnlyList<(string Person, string Photo, int Face)> People { get; } =
    [
        ("anna", "000000256353.jpg", 0),
        ("ben", "000000165518.jpg", 0),
        ("cleo", "000000349860.jpg", 0),
        ("dev", "000000234748.jpg", 0),
    ];

    /// <summary>The person in only two files (below the three a new person takes).</summary>
    public static (string Person, string Photo, int Face) Lone { get; } = ("lone", "000000442450.jpg", 0);

    /// <summary>The file showing the first two people side by side.</summary>
    public const string Pair = "pair-anna-ben.jpg";

    /// <summary>The files of <paramref name="person"/> (not counting <see cref="Pair"/>).</summary>
    public static IReadOnlyList<string> FilesOf(string person) =>
        [.. Enumerable.Range(0, person == Lone.Person ? 2 : FilesPerPerson).Select(i => $"{person}-{i}.jpg")];

    /// <summary>Writes the library into <paramref name="folder"/> (created); returns it.</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var boxes = Boxes();
        foreach (var (person, photo, face) in People.Append(Lone))
        {
            using var source = Source(photo);
            var box = boxes[photo][face];
            var files = FilesOf(person);
            for (var i = 0; i < files.Count; i++)
            {
                using var crop = Crop(source, box, margin: 2.4f + (0.6f * (i % 3)), mirrored: i == 3);
                Save(crop, Path.Combine(folder, files[i]));
            }
        }

        using var first = Source(People[0].Photo);
        using var second = Source(People[1].Photo);
        using var left = Crop(first, boxes[People[0].Photo][People[0].Face], 3.0f, mirrored: false);
        using var right = Crop(second, boxes[People[1].Photo][People[1].Face], 3.0f, mirrored: false);
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

    private static SKBitmap Source(string photo) => SKBitmap.Decode(Path.Combine(RepositoryPaths.FaceSet, "photos", photo));

    /// <summary>A square around <paramref name="box"/>, <paramref name="margin"/> times its longer side, kept inside the photo and enlarged to 360 pixels.</summary>
    private static SKBitmap Crop(SKBitmap source, SKRect box, float margin, bool mirrored)
    {
        var side = Math.Min(Math.Min(source.Width, source.Height), margin * Math.Max(box.Width, box.Height));
        var left = Math.Clamp(box.MidX - (side / 2), 0, source.Width - side);
        var top = Math.Clamp(box.MidY - (side / 2), 0, source.Height - side);
        var crop = new SKBitmap(360, 360);
        using var canvas = new SKCanvas(crop);
        if (mirrored)
        {
            canvas.Scale(-1, 1, 180, 0);
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, SKRect.Create(left, top, side, side), SKRect.Create(0, 0, 360, 360), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return crop;
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>The faces the original found in each photo of the face set (its reference.json), as rectangles.</summary>
    private static Dictionary<string, List<SKRect>> Boxes()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FaceSet, "reference.json")));
        return json.RootElement.GetProperty("images").EnumerateObject().Where(i => i.Name.StartsWith("photos/", StringComparison.Ordinal))
            .ToDictionary(i => i.Name["photos/".Length..], i => i.Value.GetProperty("faces").EnumerateArray()
                .Select(f => f.GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray())
                .Select(b => SKRect.Create(b[0], b[1], b[2], b[3])).ToList());
    }
}
