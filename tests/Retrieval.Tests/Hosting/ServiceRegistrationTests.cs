using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Imaging;
using Retrieval.Testing;

namespace Retrieval.Tests.Hosting;

/// <summary>
/// The container <c>AddRetrieval</c> builds, as both shells build it, over a temporary index root: every service
/// resolves (checked when the provider is built), once per process, and all of them reach the index through one
/// <see cref="IndexAccess"/>, so writes from different services wait for each other instead of colliding.
/// </summary>
public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-services-");
    private readonly ServiceProvider _services;

    public ServiceRegistrationTests()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Retrieval:Index:Root"] = IndexRoot,
            ["Retrieval:Model:Path"] = RepositoryPaths.TinyModel,
        };
        _services = new ServiceCollection()
            .AddRetrieval(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static TheoryData<Type> Services =>
    [
        typeof(IndexAccess), typeof(EngineModels), typeof(SearchService), typeof(PhotoFiles), typeof(LibraryStatus), typeof(LibraryMaintenance),
        typeof(EvaluationService), typeof(ImageDecoder), typeof(MemoryBudget), typeof(ThumbnailCache), typeof(ThumbnailMaker),
    ];

    private string IndexRoot => Path.Combine(_folder.FullName, "index");

    public void Dispose()
    {
        _services.Dispose();
        _folder.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EachService_Resolves_OncePerProcess(Type service)
    {
        var resolved = _services.GetRequiredService(service);
        using var scope = _services.CreateScope();
        Assert.Same(resolved, scope.ServiceProvider.GetRequiredService(service));
    }

    [Fact]
    public void TheTwoBudgetedDecoders_AreTwo()
    {
        var uploads = _services.GetRequiredKeyedService<BudgetedDecoder>(BudgetedDecoder.Uploads);
        Assert.NotSame(uploads, _services.GetRequiredKeyedService<BudgetedDecoder>(BudgetedDecoder.Thumbnails));
        Assert.Same(uploads, _services.GetRequiredKeyedService<BudgetedDecoder>(BudgetedDecoder.Uploads));
    }

    [Fact]
    public void TheServices_ReadTheConfiguredRoot_AndNothingIsMadeThere()
    {
        var index = _services.GetRequiredService<IndexAccess>();
        Assert.Equal(IndexRoot, index.Root);
        Assert.False(index.HasIndex);
        Assert.Null(_services.GetRequiredService<LibraryStatus>().TryStatus());
        Assert.Throws<IndexNotFoundException>(index.RequireIndex);
        Assert.False(Directory.Exists(IndexRoot));
    }

    [Fact]
    public async Task AWriteThroughAnotherService_WaitsForTheWriterInProgress()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var index = _services.GetRequiredService<IndexAccess>();
        var maintenance = _services.GetRequiredService<LibraryMaintenance>();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = index.WriteAsync(backend => backend.OpenForWriting([new Retrieval.Catalog.CollectionKind("images", 4, "model", onePerPhoto: true)], reembed: false), async _ =>
        {
            writing.SetResult();
            await finish.Task.ConfigureAwait(false);
            return 1;
        }, cancellationToken);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        // With a writer of its own, the removal would open the index now and be refused by the lock the first holds.
        var second = maintenance.RemoveAsync([Path.Combine(_folder.FullName, "photos")], cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        Assert.False(second.IsCompleted, second.Exception?.InnerException?.Message ?? "the removal ran beside the write in progress");

        finish.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(0, await second);
    }
}
