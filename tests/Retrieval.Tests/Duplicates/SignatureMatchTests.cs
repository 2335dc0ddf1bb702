using System.Numerics.Tensors;
using Retrieval.Duplicates;
using Retrieval.Imaging;
using Retrieval.Testing;

namespace Retrieval.Tests.Duplicates;

/// <summary>The pixel signature and its aligned match, on real photos of the test set and their edited copies.</summary>
public sealed class SignatureMatchTests
{
    private static readonly ImageDecoder Decoder = new(new ImagingOptions());

    private static float[] SignatureOf(string path)
    {
        using var image = Decoder.DecodeFile(path, 224);
        return PixelSignature.Of(image);
    }

    private static string Copy(string name) => Path.Combine(RepositoryPaths.DuplicateSet, "images", name);

    private static (string Original, string Stem) FirstEdited()
    {
        var set = DuplicateTestSet.Load();
        var original = set.Copies[0].Original;
        return (Path.Combine(IndexFixture(original), original), Path.GetFileNameWithoutExtension(original));
    }

    private static string IndexFixture(string name) =>
        File.Exists(Path.Combine(Indexing.IndexFixture.CocoImages, name)) ? Indexing.IndexFixture.CocoImages : Indexing.IndexFixture.FlickrImages;

    [Fact]
    public void ASignature_IsLuminanceLessItsMeanAndColour_AtUnitLength_AndAFlatImageHasNone()
    {
        var (original, _) = FirstEdited();
        var signature = SignatureOf(original);
        Assert.Equal(PixelSignature.Length, signature.Length);
        Assert.InRange(TensorPrimitives.Sum(signature.AsSpan(0, PixelSignature.ColourStart)), -1e-3f, 1e-3f); // the luminance less its mean
        Assert.InRange(TensorPrimitives.Norm(signature.AsSpan(PixelSignature.ColourStart)), PixelSignature.ColourWeight - 1e-4f, PixelSignature.ColourWeight + 1e-4f);
        Assert.InRange(TensorPrimitives.Norm(signature), 0.999f, 1.001f);

        using var flat = Decoder.Decode(TestPng.AllZero(64, 48), "flat.png", 64);
        Assert.All(PixelSignature.Of(flat), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void EveryEditOfAPhoto_MatchesIt_AndACropOnlyOnceAligned()
    {
        var (original, stem) = FirstEdited();
        var source = SignatureOf(original);
        foreach (var edit in (string[])["half", "q55", "crop", "bright", "dark", "all"])
        {
            var copy = SignatureOf(Copy($"{stem}-{edit}.jpg"));
            var similarity = SignatureMatch.Similarity(source, copy);
            TestContext.Current.SendDiagnosticMessage($"{edit}: plain {TensorPrimitives.Dot(source, copy):0.000}, aligned {similarity:0.000}");
            Assert.InRange(similarity, new NearDuplicateOptions().MinSimilarity, 1.0001f);
            Assert.Equal(similarity, SignatureMatch.Similarity(copy, source)); // whichever is the crop
        }
    }

    [Theory]
    [InlineData("burst")]
    [InlineData("another-time")]
    public void BurstShotsAndTheSamePlaceLater_DoNotMatch(string kind)
    {
        var pairs = DuplicateTestSet.Load().Negatives.Where(n => n.Kind == kind).ToList();
        // The set holds five hard negatives of each kind: fewer would make this pass on what is not there.
        Assert.Equal(5, pairs.Count);
        foreach (var (a, b, _) in pairs)
        {
            var similarity = SignatureMatch.Similarity(SignatureOf(Copy(a)), SignatureOf(Copy(b)));
            TestContext.Current.SendDiagnosticMessage($"{kind} {a}: {similarity:0.000}");
            Assert.True(similarity < new NearDuplicateOptions().MinSimilarity, $"{kind} {a} and {b} match at {similarity}");
        }
    }

    [Fact]
    public void SignaturesOfAnotherLength_AreRefused() =>
        Assert.Throws<ArgumentException>(() => SignatureMatch.Similarity(new float[PixelSignature.Length], new float[10]));
}
