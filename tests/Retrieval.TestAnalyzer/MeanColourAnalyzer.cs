using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.TestAnalyzer;

/// <summary>
/// A photo's mean colour, as a vector in a collection of its own (searchable by a colour), and the name of the nearest
/// named colour as a keyword field (searchable by the word): an analyzer that only the seam knows.
/// </summary>
public sealed class MeanColourAnalyzer : IPhotoAnalyzer
{
    /// <summary>The keyword field of the colour's name.</summary>
    public const string Field = "colour";

    /// <summary>The collection of mean colours: three values, made by no model but this analyzer's own rule.</summary>
    public static CollectionKind Collection { get; } = new("mean-colour", 3, "mean-colour-v1", onePerPhoto: true);

    /// <inheritdoc />
    public string Name => "mean colour";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => AnalyzerNeeds.AnyPixels;

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [Collection];

    /// <summary>The vector of the colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>), each 0 to 255: never zero, so black has a direction too.</summary>
    public static float[] VectorOf(float r, float g, float b) => [r + 1, g + 1, b + 1];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var pixels = photo.Image!.Pixels;
        double r = 0, g = 0, b = 0;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            (r, g, b) = (r + pixels[i], g + pixels[i + 1], b + pixels[i + 2]);
        }

        var count = Math.Max(1, pixels.Length / 4);
        var (meanR, meanG, meanB) = ((float)(r / count), (float)(g / count), (float)(b / count));
        photo.SetVector(Collection, VectorOf(meanR, meanG, meanB));
        photo.SetField(Field, [ColourName.Of(meanR, meanG, meanB)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) =>
        CatchUp.WithoutVectorAsync(index, Collection.Name, cancellationToken);
}
