using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Search;
using Retrieval.Vectors;

namespace Retrieval.Hosting;

/// <summary>The composition root of the engine, shared by the CLI and the server.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RetrievalEngine"/> with every option type bound from <paramref name="configuration"/>
    /// (sections <c>Retrieval:Index</c>, <c>Retrieval:Model</c>, <c>Retrieval:Search</c>, <c>Retrieval:Indexing</c>,
    /// <c>Retrieval:Imaging</c>, <c>Retrieval:Vectors</c>) and validated on start.
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
        services.AddOptions<Ocr.OcrOptions>().BindConfiguration(Ocr.OcrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Duplicates.NearDuplicateOptions>().BindConfiguration(Duplicates.NearDuplicateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IndexBackends>();
        services.AddSingleton<RetrievalEngine>();
        return services;
    }
}
