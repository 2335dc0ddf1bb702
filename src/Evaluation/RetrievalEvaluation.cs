using System.Numerics.Tensors;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Embedding;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Search;

namespace Retrieval.Evaluation;

/// <summary>
/// Retrieval quality by the standard protocol (Flickr8k/30k, COCO): the photos are indexed into a temporary
/// index through the normal pipeline, with their captions withheld; every caption is a text-to-image query
/// whose answer is its photo, and every photo an image-to-text query answered by any of its captions (ranked
/// among all the captions of the evaluated photos). Reports Recall@1/5/10 and the median rank each way.
/// </summary>
/// <param name="model">The model to evaluate.</param>
/// <param name="indexing">How the temporary index is built.</param>
/// <param name="imaging">How photos are decoded.</param>
/// <param name="search">How searches rank: the same options the CLI and the server use.</param>
/// <param name="backendAt">The backend of a temporary index in the given folder.</param>
public sealed class RetrievalEvaluation(ClipModel model, IndexingOptions indexing, ImagingOptions imaging, SearchOptions search, Func<string, IIndexBackend> backendAt)
{
    /// <summary>
    /// Evaluates the photos of <paramref name="photoFolder"/> that <paramref name="captions"/> describes (those in
    /// <paramref name="split"/> when given). With <paramref name="indexedCaptions"/> N &gt; 0, the first N captions of
    /// each photo (in file order) are indexed with it, as a user's own captions would be, and only the others are
    /// queries; photos without more than N captions are left out. <paramref name="alpha"/> asks hybrid for weighted fusion.
    /// </summary>
    public async Task<EvaluationReport> RunAsync(string photoFolder, CaptionFile captions, IReadOnlySet<string>? split, SearchMode mode,
        int indexedCaptions, double? alpha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentOutOfRangeException.ThrowIfNegative(indexedCaptions);
        var all = captions.Captions
            .Where(c => split is null || split.Contains(c.FileName))
            .Where(c => File.Exists(Path.Combine(photoFolder, c.FileName)))
            .GroupBy(c => c.FileName, StringComparer.Ordinal)
            .Where(g => g.Count() > indexedCaptions)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Text).ToList(), StringComparer.Ordinal);
        var indexed = new CaptionFile(captions.Path, captions.Source, [.. all.SelectMany(p => p.Value.Take(indexedCaptions).Select(text => (p.Key, text)))]);
        var byPhoto = all.ToDictionary(p => p.Key, p => p.Value.Skip(indexedCaptions).ToList(), StringComparer.Ordinal);
        var work = Directory.CreateTempSubdirectory("retrieval-eval-");
        try
        {
            // Only the evaluated photos, copied: the index sees exactly them, and none of the captions asked with.
            var photos = Directory.CreateDirectory(Path.Combine(work.FullName, "photos")).FullName;
            foreach (var name in byPhoto.Keys)
            {
                File.Copy(Path.Combine(photoFolder, name), Path.Combine(photos, name));
            }

            var backend = backendAt(Path.Combine(work.FullName, "index"));
            var analyzers = EmbeddingAnalyzers.Of(model, indexing);
            using (var writer = backend.OpenForWriting(AnalyzerCollections.DeclaredBy(analyzers), reembed: false))
            {
                await new IndexingPipeline(writer, analyzers, indexing, imaging).RunAsync([photos], indexedCaptions > 0 ? indexed : null, null, cancellationToken).ConfigureAwait(false);
            }

            using var index = backend.OpenForReading();
            var report = await MeasureAsync(index, photos, byPhoto, mode, alpha, cancellationToken).ConfigureAwait(false);
            return report with { IndexedCaptions = indexedCaptions };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<EvaluationReport> MeasureAsync(PhotoIndex index, string photos, Dictionary<string, List<string>> byPhoto, SearchMode mode, double? alpha, CancellationToken cancellationToken)
    {
        var ids = byPhoto.Keys.ToDictionary(name => name, name => index.Catalog.PhotoIdsUnder(Path.Combine(photos, name)).Single(), StringComparer.Ordinal);
        var queries = byPhoto.SelectMany(p => p.Value.Select(text => (Photo: p.Key, Text: text))).ToList();
        var textVectors = model.Text.Encode([.. queries.Select(q => q.Text)], cancellationToken);

        // Text to image: the rank of the caption's photo among all photos.
        var searcher = new PhotoSearcher(index, search);
        var depth = Math.Min(SearchLimits.MaxResults, byPhoto.Count);
        var textToImage = new List<int>(queries.Count);
        int answerKept = 0, kept = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            // The caption is plain text, not the query language; every result counts (no cut).
            var request = new SearchRequest
            {
                Query = new ParsedQuery { Text = queries[q].Text }, TextVector = textVectors[q], Mode = mode, K = depth, MinScore = double.NegativeInfinity, Alpha = alpha,
            };
            var results = await searcher.SearchAsync(request, cancellationToken).ConfigureAwait(false);
            var rank = results.Hits.Select(h => h.Id).ToList().IndexOf(ids[queries[q].Photo]);
            textToImage.Add(rank >= 0 ? rank + 1 : byPhoto.Count);

            // The same search as a user gets it, cut where results stop: is the answer still there, and how much is kept?
            var cut = await searcher.SearchAsync(request with { MinScore = null }, cancellationToken).ConfigureAwait(false);
            answerKept += cut.Hits.Any(h => h.Id == ids[queries[q].Photo]) ? 1 : 0;
            kept += cut.Hits.Count;
        }

        // Image to text: the best rank of any of the photo's captions among all captions, by cosine.
        var imageToText = new List<int>(byPhoto.Count);
        var scores = new float[queries.Count];
        foreach (var (photo, _) in byPhoto)
        {
            var image = await EmbeddingCollections.ImagesIn(index)!.Vectors.GetVectorAsync(ids[photo], cancellationToken).ConfigureAwait(false);
            if (image is null)
            {
                imageToText.Add(queries.Count); // not embedded: worst rank
                continue;
            }

            for (var q = 0; q < queries.Count; q++)
            {
                scores[q] = TensorPrimitives.Dot(image, textVectors[q]);
            }

            var best = queries.Select((query, q) => (query.Photo, Score: scores[q])).Where(s => s.Photo == photo).Max(s => s.Score);
            imageToText.Add(1 + scores.Count(s => s > best));
        }

        return new EvaluationReport(model.Manifest.Id, mode.ToString().ToLowerInvariant(), byPhoto.Count, queries.Count,
            RecallReport.FromRanks(textToImage), RecallReport.FromRanks(imageToText))
        {
            Cut = queries.Count == 0 ? null : new CutReport(100.0 * answerKept / queries.Count, (double)kept / queries.Count),
        };
    }
}
