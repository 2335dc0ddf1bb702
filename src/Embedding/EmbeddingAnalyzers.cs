using Retrieval.Analysis;
using Retrieval.Indexing;
using Retrieval.Models;

namespace Retrieval.Embedding;

/// <summary>The main model's analyzers, in the order they must run: the image vector, the automatic tags read from its run, the caption vectors, a video's frames.</summary>
public static class EmbeddingAnalyzers
{
    /// <summary>The analyzers of <paramref name="model"/>.</summary>
    public static IReadOnlyList<IPhotoAnalyzer> Of(ClipModel model, IndexingOptions options) =>
        [new ImageEmbeddingAnalyzer(model), new AutoTagAnalyzer(model, options), new CaptionEmbeddingAnalyzer(model), new FrameEmbeddingAnalyzer(model)];
}
