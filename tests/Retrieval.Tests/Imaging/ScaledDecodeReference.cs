using System.Text.Json;
using Retrieval.Imaging;
using Retrieval.Testing;

namespace Retrieval.Tests.Imaging;

/// <summary>
/// One case of tests/data/scaled-decode (made by tools/make_scaled_decode_refs.py with Pillow): a JPEG whose
/// reduced size libjpeg rounds up, one EXIF orientation, a model size, and Pillow's 8-bit centre crops from
/// a full decode and from a draft (reduced) decode mapped by the exact scale factor.
/// </summary>
public sealed record ScaledDecodeReference(string Jpeg, int Orientation, int Size, int Scale, string Full, string Draft)
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.TestData, "scaled-decode");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ScaledDecodeReference> All { get; } =
        JsonSerializer.Deserialize<List<ScaledDecodeReference>>(File.ReadAllText(Path.Combine(Folder, "cases.json")), Json)!;

    public string Name => $"{Path.GetFileNameWithoutExtension(Jpeg)} orientation {Orientation} at {Size} px";

    /// <summary>The JPEG bytes with this case's orientation.</summary>
    public byte[] JpegBytes() => ExifJpeg.WithOrientation(File.ReadAllBytes(Path.Combine(Folder, Jpeg)), Orientation);

    /// <summary>Writes the JPEG with this case's orientation into <paramref name="directory"/>.</summary>
    public string WriteJpeg(string directory)
    {
        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(Jpeg)}_o{Orientation}.jpg");
        File.WriteAllBytes(path, JpegBytes());
        return path;
    }

    /// <summary>A Pillow crop normalised as <paramref name="options"/> says: the model input Pillow's pixels give.</summary>
    public static float[] Tensor(string crop, PreprocessOptions options)
    {
        using var image = new ImageDecoder(new ImagingOptions()).DecodeFile(Path.Combine(Folder, crop));
        Assert.Equal((options.CropWidth, options.CropHeight), (image.Width, image.Height));
        var plane = image.Width * image.Height;
        var tensor = new float[3 * plane];
        var pixels = image.Pixels;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                tensor[(c * plane) + i] = ((pixels[(i * 4) + c] / 255f) - options.Mean[c]) / options.Std[c];
            }
        }

        return tensor;
    }
}
