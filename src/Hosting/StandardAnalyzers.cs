using Retrieval.Analysis;
using Retrieval.Duplicates;
using Retrieval.Embedding;
using Retrieval.Faces;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.People;
using Retrieval.Places;

namespace Retrieval.Hosting;

/// <summary>
/// The analyzers the engine brings, in the order they run: the main model's, the text in photos (when on), the faces
/// (when on) and the people they make, the pixel signatures, the places (when the place data is there).
/// </summary>
public static class StandardAnalyzers
{
    /// <summary>
    /// The standard analyzers over <paramref name="model"/>, with <paramref name="text"/> when text in photos is read,
    /// <paramref name="faces"/> when faces are found and <paramref name="places"/> when positions are named.
    /// </summary>
    public static IReadOnlyList<IPhotoAnalyzer> For(ClipModel model, IndexingOptions indexing, PhotoTextReader? text = null, NearDuplicateOptions? duplicates = null, PlaceIndex? places = null,
        IFaceReader? faces = null, PeopleOptions? people = null) =>
        [.. EmbeddingAnalyzers.Of(model, indexing), .. (IPhotoAnalyzer[])(text is null ? [] : [new TextReadingAnalyzer(text)]),
            .. (IPhotoAnalyzer[])(faces is null ? [] : [new FaceAnalyzer(faces), new PeopleAnalyzer(new PeopleGrouper(people ?? new PeopleOptions()))]),
            new PixelSignatureAnalyzer(duplicates ?? new NearDuplicateOptions()), .. (IPhotoAnalyzer[])(places is null ? [] : [new PlacesAnalyzer(places)])];
}
