using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Embedding;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Search;

namespace Retrieval.Hosting;

/// <summary>
/// Search and image to text, with their rules written once for both shells: which defaults and bounds, that an index
/// answers only with its own model, and how an image becomes a query (a photo's stored vector, a file, or an upload
/// decoded within the shared memory budget). Reads only, so it runs beside a writer.
/// </summary>
public sealed class SearchService(IndexAccess index, EngineModels models, ImageDecoder decoder,
    [FromKeyedServices(BudgetedDecoder.Uploads)] BudgetedDecoder uploads, IOptions<SearchOptions> search)
{
    private readonly SearchOptions _search = search.Value;

    /// <summary>The ranked photos for <paramref name="input"/>: parsed, checked against the bounds, embedded, searched. Empty while nothing is indexed.</summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">Neither text nor image, or a parameter out of bounds.</exception>
    /// <exception cref="PhotoNotFoundException">The image is an indexed photo that does not exist.</exception>
    /// <exception cref="UnsupportedImageException">The image cannot be decoded.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<SearchResults> SearchAsync(SearchInput input, CancellationToken cancellationToken = default)
    {
        var request = Request(input);
        if (!request.Query.HasText && input.Image is null && request.Query.Filter.IsEmpty && request.Query.Sort != SortOrder.Date)
        {
            throw new InvalidInputException("q", "give a text to search for, an image to search by, or a filter (type:video, after:2023, folder:rome) to list what it allows");
        }

        return await WithSearcherAsync(input, request, (searcher, embedded) => searcher.SearchAsync(embedded, cancellationToken), new SearchResults([], 0, request.Mode),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every photo <paramref name="input"/> finds, as a filter (see <see cref="PhotoSearcher.FoundAsync"/>): with nothing asked,
    /// the whole library; while nothing is indexed, nothing. Its paging is not read: a timeline or a map shows all of it.
    /// </summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">A parameter is out of bounds.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<PhotoFilter> FoundAsync(SearchInput input, CancellationToken cancellationToken = default)
    {
        var request = Request(input with { K = null, Offset = 0 });
        return await WithSearcherAsync(input, request, (searcher, embedded) => searcher.FoundAsync(embedded, cancellationToken), new PhotoFilter { Ids = new HashSet<long>() },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="search"/> on the index with <paramref name="request"/> embedded (its text and image, when its mode
    /// ranks by vector); <paramref name="nothingIndexed"/> while there is no index.
    /// </summary>
    private async Task<T> WithSearcherAsync<T>(SearchInput input, SearchRequest request, Func<PhotoSearcher, SearchRequest, Task<T>> search, T nothingIndexed,
        CancellationToken cancellationToken)
    {
        using var lease = index.TryLease();
        if (lease is null)
        {
            return nothingIndexed;
        }

        return await index.ReadingAsync(lease, async () =>
        {
            if (request.Mode != SearchMode.Keyword || input.Image is not null)
            {
                models.CheckModel(lease.Index);
                request = request with
                {
                    TextVector = request.Mode == SearchMode.Keyword ? null : QueryVectors.ForText(models.Model, request.Query, cancellationToken),
                    ImageVector = input.Image is { } image ? await EmbedAsync(image, lease.Index, cancellationToken).ConfigureAwait(false) : null,
                };
            }

            return await search(new PhotoSearcher(lease.Index, _search), request).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Image to text: the <paramref name="k"/> (default <see cref="SearchOptions.DefaultCaptions"/>) captions in the index that best describe an image.</summary>
    /// <exception cref="InvalidInputException"><paramref name="k"/> is out of bounds.</exception>
    /// <exception cref="PhotoNotFoundException">The image is an indexed photo that does not exist.</exception>
    /// <exception cref="UnsupportedImageException">The image cannot be decoded.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<IReadOnlyList<CaptionHit>> CaptionAsync(ImageInput image, int? k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var count = k ?? _search.DefaultCaptions;
        SearchLimits.ValidateCount(count);
        using var lease = index.TryLease();
        if (lease is null)
        {
            return [];
        }

        return await index.ReadingAsync(lease, async () =>
        {
            models.CheckModel(lease.Index);
            var vector = await EmbedAsync(image, lease.Index, cancellationToken).ConfigureAwait(false);
            return await new PhotoSearcher(lease.Index, _search).CaptionsForImageAsync(vector, count, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The search request <paramref name="input"/> describes, without vectors, checked against the bounds.</summary>
    private SearchRequest Request(SearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parsed = QueryParser.Parse(input.Text);
        var query = parsed with { Filter = parsed.Filter.With(input.Filter), Sort = input.Sort ?? parsed.Sort };
        var similar = input.Image?.PhotoId;
        var request = new SearchRequest
        {
            Query = query,
            Mode = similar is not null ? SearchMode.Vector : input.Mode ?? (query.HasText ? SearchMode.Hybrid : input.Image is null ? SearchMode.Keyword : SearchMode.Vector),
            K = input.K ?? _search.DefaultResults,
            Offset = input.Offset,
            Alpha = input.Alpha,
            MinScore = input.MinScore,
            Exclude = similar is { } id ? new HashSet<long> { id } : new HashSet<long>(),
        };
        SearchLimits.Validate(request);
        return request;
    }

    /// <summary>The image's embedding: decoded and encoded, or an indexed photo's stored vector.</summary>
    private async Task<float[]> EmbedAsync(ImageInput image, PhotoIndex photos, CancellationToken cancellationToken)
    {
        if (image.PhotoId is { } id)
        {
            return EmbeddingCollections.ImagesIn(photos) is { } images && await images.Vectors.GetVectorAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
                ? stored
                : throw new PhotoNotFoundException(id);
        }

        var model = models.Model;
        if (image.FilePath is { } path)
        {
            return model.EmbedImageFiles([path], decoder, cancellationToken)[0];
        }

        // An upload: a tighter pixel budget than library photos, and its decoded pixels counted against what all requests may hold.
        return await uploads.DecodeAsync(image.Bytes, image.Name ?? "upload", model.Manifest.Preprocess.ShortestEdge,
            decoded => model.EmbedDecoded(decoded, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
