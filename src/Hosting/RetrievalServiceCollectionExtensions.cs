using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retrieval.Analysis;
using Retrieval.Duplicates;
using Retrieval.Faces;
using Retrieval.People;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Search;
using Retrieval.Vectors;
using Retrieval.Video;

namespace Retrieval.Hosting;

/// <summary>The composition root of the engine, shared by the CLI and the server.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine's services with every option type bound from <paramref name="configuration"/> (sections
    /// <c>Retrieval:Index</c>, <c>Retrieval:Model</c>, <c>Retrieval:Search</c>, <c>Retrieval:Indexing</c>,
    /// <c>Retrieval:Imaging</c>, <c>Retrieval:Ocr</c>, <c>Retrieval:Faces</c>, <c>Retrieval:People</c>, <c>Retrieval:Duplicates</c>, <c>Retrieval:Vectors</c>) and validated
    /// on start. Each shell resolves the services it uses: <see cref="SearchService"/>, <see cref="PhotoFiles"/>,
    /// <see cref="LibraryStatus"/>, <see cref="LibraryPeople"/>, <see cref="LibraryMaintenance"/>, <see cref="EvaluationService"/>,
    /// <see cref="EngineModels"/> and <see cref="IndexAccess"/>. All are singletons: they share one model, one pool of
    /// readers, one writer, one thumbnail cache and one decode memory budget.
    /// </summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(configuration);
        services.AddLogging();
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexingOptions>().BindConfiguration(IndexingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FaceOptions>().BindConfiguration(FaceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NearDuplicateOptions>().BindConfiguration(NearDuplicateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalyzerOptions>().BindConfiguration(AnalyzerOptions.Section);
        services.AddOptions<VideoOptions>().BindConfiguration(VideoOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IndexBackends>();
        services.AddSingleton<IndexAccess>();
        services.AddSingleton<EngineModels>();
        AddImaging(services);
        services.AddSingleton<SearchService>();
        services.AddSingleton<LibraryBrowser>();
        services.AddSingleton<LibraryPeople>();
        services.AddSingleton<PhotoFiles>();
        services.AddSingleton<LibraryStatus>();
        services.AddSingleton<AnalyzerPlugins>();
        services.AddSingleton<LibraryMaintenance>();
        services.AddSingleton<EvaluationService>();
        return services;
    }

    /// <summary>
    /// The decoders and thumbnails: library photos decode within <see cref="ImagingOptions.MaxPixels"/>, uploads within
    /// <see cref="ImagingOptions.MaxUploadPixels"/>; uploads and thumbnails share one budget for decoded pixels; the
    /// thumbnail cache lives in the index's cache folder.
    /// </summary>
    private static void AddImaging(IServiceCollection services)
    {
        services.AddSingleton(provider => new ImageDecoder(ImagingOf(provider)));
        services.AddSingleton(provider => new MemoryBudget(ImagingOf(provider).DecodeMemoryBytes));
        services.AddKeyedSingleton(BudgetedDecoder.Uploads, (provider, _) =>
            new BudgetedDecoder(new ImageDecoder(ImagingOf(provider), ImagingOf(provider).MaxUploadPixels), provider.GetRequiredService<MemoryBudget>()));
        services.AddKeyedSingleton(BudgetedDecoder.Thumbnails, (provider, _) =>
            new BudgetedDecoder(provider.GetRequiredService<ImageDecoder>(), provider.GetRequiredService<MemoryBudget>()));
        services.AddSingleton(provider => new ThumbnailCache(provider.GetRequiredService<IndexAccess>().CacheFolder, ImagingOf(provider).ThumbnailCacheBytes,
            provider.GetRequiredService<ILogger<ThumbnailCache>>()));
        services.AddSingleton<ThumbnailMaker>();
        services.AddSingleton(provider => new VideoReader(provider.GetRequiredService<IOptions<VideoOptions>>().Value, ImagingOf(provider).MaxPixels));
    }

    private static ImagingOptions ImagingOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<ImagingOptions>>().Value;
}
