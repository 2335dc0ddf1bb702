using Retrieval.Tests.Vectors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Contracts;

/// <summary>The vector-index contract, run against the local store.</summary>
public sealed class LocalVectorIndexContractTests : VectorIndexContract
{
    private readonly StoreFixture _fixture = new();
    private readonly List<VectorStore> _stores = [];

    protected override IVectorIndex Create()
    {
        var store = VectorStore.Create(Path.Combine(_fixture.Folder, $"store-{_stores.Count}"), Dimension, "contract-model");
        _stores.Add(store);
        return store;
    }

    protected override void Dispose(bool disposing)
    {
        _stores.ForEach(s => s.Dispose());
        _fixture.Dispose();
    }
}
