using Microsoft.Extensions.Options;
using Retrieval.Errors;
using Retrieval.Evaluation;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Search;

namespace Retrieval.Hosting;

/// <summary>
/// Retrieval quality with this engine's model and options, measured in a temporary index of its own (made by the
/// configured kind of backend), so the configured index is neither read nor written.
/// </summary>
public sealed class EvaluationService(EngineModels models, IndexBackends backends, IOptions<IndexingOptions> indexing, IOptions<ImagingOptions> imaging,
    IOptions<SearchOptions> search)
{
    /// <summary>
    /// Retrieval quality by the standard protocol, on the photos of <paramref name="images"/> that
    /// <paramref name="captionsFile"/> describes (those <paramref name="splitFile"/> lists, when given), with this
    /// engine's model and search options, in a temporary index; with <paramref name="indexedCaptions"/> N, the first N
    /// captions of each photo are indexed with it and the others asked (see <see cref="RetrievalEvaluation.RunAsync"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">A file cannot be read.</exception>
    public async Task<EvaluationReport> EvaluateAsync(string images, string captionsFile, string? splitFile, SearchMode mode, int indexedCaptions = 0, double? alpha = null,
        CancellationToken cancellationToken = default)
    {
        var captions = CaptionFile.Read(Path.GetFullPath(captionsFile));
        HashSet<string>? names = null;
        if (splitFile is not null)
        {
            try
            {
                names = (await File.ReadAllLinesAsync(splitFile, cancellationToken).ConfigureAwait(false)).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidInputException(splitFile, $"Cannot read split file '{splitFile}': {e.Message}", e);
            }
        }

        var evaluation = new RetrievalEvaluation(models.Model, indexing.Value, imaging.Value, search.Value, backends.At);
        return await evaluation.RunAsync(Path.GetFullPath(images), captions, names, mode, indexedCaptions, alpha, cancellationToken).ConfigureAwait(false);
    }
}
