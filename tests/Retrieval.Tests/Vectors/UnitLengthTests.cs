using Retrieval.Models;
using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// The one unit normalisation (<see cref="UnitLength"/>) and every place that brings a vector to unit length: a
/// vector with no direction (zeros, NaN, an infinite or overflowing length) is zeros in each of them alike.
/// </summary>
public sealed class UnitLengthTests : IDisposable
{
    private const int Dimension = 8;
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string> NoDirection => ["zeros", "nan", "infinity", "overflow"];

    private static float[] Vector(string kind)
    {
        var vector = new float[Dimension];
        switch (kind)
        {
            case "nan":
                vector[0] = 1;
                vector[3] = float.NaN;
                break;
            case "infinity":
                vector[1] = float.PositiveInfinity;
                break;
            case "overflow":
                // Every component finite, but their squares' sum is not.
                Array.Fill(vector, 3e30f);
                break;
        }

        return vector;
    }

    private static float[] Axis(int index)
    {
        var vector = new float[Dimension];
        vector[index] = 1;
        return vector;
    }

    [Fact]
    public void AVector_IsBroughtToUnitLength_InPlaceToo()
    {
        float[] source = [3, 0, 4, 0, 0, 0, 0, 0];
        var target = new float[Dimension];
        UnitLength.Normalise(source, target);
        Assert.Equal([0.6f, 0, 0.8f, 0, 0, 0, 0, 0], target);
        Assert.Same(source, UnitLength.InPlace(source));
        Assert.Equal(target, source);
    }

    [Theory]
    [MemberData(nameof(NoDirection))]
    public void AVectorWithNoDirection_IsZeros(string kind)
    {
        var target = Enumerable.Repeat(7f, Dimension).ToArray();
        UnitLength.Normalise(Vector(kind), target);
        Assert.All(target, v => Assert.Equal(0f, v));
        Assert.All(UnitLength.InPlace(Vector(kind)), v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(NoDirection))]
    public void TheEncodersRows_AreZerosWhereARowHasNoDirection_AndUnitElsewhere(string kind)
    {
        float[] raw = [.. Vector(kind), .. Axis(2).Select(v => v * 5)];
        var rows = new float[raw.Length];
        EmbeddingMath.NormaliseRows(raw, rows, Dimension);
        Assert.All(rows[..Dimension], v => Assert.Equal(0f, v));
        Assert.Equal(Axis(2), rows[Dimension..]);
    }

    [Theory]
    [MemberData(nameof(NoDirection))]
    public async Task TheStore_KeepsSuchAVectorAsZeros_AndSuchAQueryScoresZeroAgainstEverything(string kind)
    {
        using var store = VectorStore.Create(_fixture.Folder, Dimension, "m");
        await store.UpsertAsync([1, 2], (float[])[.. Vector(kind), .. Axis(0)], TestContext.Current.CancellationToken);
        var stored = new float[Dimension];
        Assert.True(store.TryGetVector(1, stored));
        Assert.All(stored, v => Assert.Equal(0f, v));

        foreach (var options in (VectorSearchOptions[])[VectorSearchOptions.Exact, VectorSearchOptions.Default])
        {
            var hits = store.Search(Vector(kind), 2, options);
            Assert.Equal([1L, 2L], hits.Select(h => h.Id).Order());
            Assert.All(hits, h => Assert.Equal(0f, h.Score));
        }

        Assert.All(store.Score(Vector(kind), [1, 2]), h => Assert.Equal(0f, h.Score));
        // The stored zero vector scores 0 against a real query, not NaN.
        Assert.Equal(0f, Assert.Single(store.Score(Axis(0), [1])).Score);
    }

    [Theory]
    [MemberData(nameof(NoDirection))]
    public void ATextAndImageQuery_WithNoDirection_IsZeros(string kind)
    {
        var request = new SearchRequest { TextVector = Vector(kind), ImageVector = Vector(kind) };
        Assert.All(request.Vector()!, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ATextAndImageQuery_ThatCancelOut_AreZeros_AndOthersSumToUnitLength()
    {
        var text = Axis(1);
        Assert.All(new SearchRequest { TextVector = text, ImageVector = [.. text.Select(v => -v)] }.Vector()!, v => Assert.Equal(0f, v));
        var sum = new SearchRequest { TextVector = text, ImageVector = Axis(4) }.Vector()!;
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(sum), 5);
        Assert.Equal(sum[1], sum[4]);
    }

    [Fact]
    public void AQueryWhoseExcludedConceptIsItsText_IsZeros()
    {
        using var model = TestModels.Tiny();
        var vector = QueryVectors.ForText(model, QueryParser.Parse("dog -\"dog\""), TestContext.Current.CancellationToken);
        Assert.NotNull(vector);
        Assert.All(vector, v => Assert.Equal(0f, v));
        var plain = QueryVectors.ForText(model, QueryParser.Parse("dog"), TestContext.Current.CancellationToken)!;
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(plain), 4);
    }
}
