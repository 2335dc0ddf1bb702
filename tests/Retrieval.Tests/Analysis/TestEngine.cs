using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retrieval.Hosting;
using Retrieval.Testing;

namespace Retrieval.Tests.Analysis;

/// <summary>The engine as the shells build it (<c>AddRetrieval</c>), over an index root, with the tiny model, and whatever else a test registers.</summary>
internal sealed class TestEngine : IDisposable
{
    private readonly ServiceProvider _services;

    public TestEngine(string root, Action<IServiceCollection>? register = null, string? model = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Retrieval:Index:Root"] = root,
            ["Retrieval:Model:Path"] = model ?? RepositoryPaths.TinyModel,
            ["Retrieval:Model:Device"] = "Cpu",
            ["Retrieval:Ocr:Enabled"] = "false",
            ["Retrieval:Faces:Enabled"] = "false",
        };
        var services = new ServiceCollection().AddRetrieval(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
