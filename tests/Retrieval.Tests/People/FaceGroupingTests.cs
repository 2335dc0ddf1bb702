using Retrieval.Faces;
using Retrieval.People;

namespace Retrieval.Tests.People;

/// <summary>
/// The grouping's rules on descriptors placed at known distances (dlib's metric: one person below 0.6): a person needs
/// three faces of different photos; two faces of one photo are never one person; a face between two people stays with
/// neither; a pinned face is never moved; two people the user named are never merged, two look-alikes the grouping made
/// only when their faces are close on average; small faces never make a person.
/// </summary>
public sealed class FaceGroupingTests
{
    private static readonly FaceGrouping Grouping = new(FaceMetric.Dlib, new PeopleOptions());

    [Fact]
    public void ThreeCloseFacesOfThreePhotos_MakeAPerson_TwoDoNot()
    {
        var result = Grouping.Group([Face(1, 1, 0, 0.1f), Face(2, 2, 0, 0.12f), Face(3, 3, 0, 0.08f), Face(4, 4, 2, 0.1f), Face(5, 5, 2, 0.12f)], new HashSet<long>(), regroup: false);

        Assert.Equal(1, result.NewPeople);
        Assert.Equal([1L, 2, 3], result.Assignments.Keys.Order());
    }

    [Fact]
    public void TwoFacesOfOnePhoto_AreNeverOnePerson()
    {
        var result = Grouping.Group([Face(1, 1, 0, 0.1f), Face(2, 1, 0, 0.12f), Face(3, 2, 0, 0.08f)], new HashSet<long>(), regroup: false);

        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void AFaceBetweenTwoPeople_JoinsNeither_OneClearlyNearOne_JoinsThem()
    {
        List<GroupFace> people = [.. Person(10, 0, 0), .. Person(20, 1, 0)];
        // Direction 0 and 1 are orthogonal: 0.7 along each is about 0.5 from both people's faces.
        var between = new GroupFace(100, 100, Unit([0.7f, 0.7f]), 1, 80, 0.99f, null, false);
        var near = Face(101, 101, 0, 0.15f);

        var result = Grouping.Group([.. people, between, near], new HashSet<long>(), regroup: false);

        Assert.False(result.Assignments.ContainsKey(100));
        Assert.Equal(10, result.Assignments[101]);
    }

    [Fact]
    public void Regrouping_NeverMovesAPinnedFace_AndTakesAnUnpinnedStrangerAway()
    {
        var stranger = Face(4, 4, 3, 0) with { Person = 10 };
        var pinned = Face(5, 5, 4, 0) with { Person = 10, Pinned = true };

        var result = Grouping.Group([.. Person(10, 0, 0), stranger, pinned], new HashSet<long>(), regroup: true);

        Assert.Null(result.Assignments[4]);
        Assert.False(result.Assignments.ContainsKey(5));
    }

    [Fact]
    public void Regrouping_MergesTwoCloseUnnamedPeople_NeverTwoNamedOnes()
    {
        List<GroupFace> faces = [.. Person(10, 0, 0), .. Person(20, 0, 10)];

        var merged = Grouping.Group(faces, new HashSet<long>(), regroup: true);
        var kept = Grouping.Group(faces, new HashSet<long> { 10, 20 }, regroup: true);

        Assert.Equal(3, merged.Assignments.Count);
        Assert.All(merged.Assignments.Values, p => Assert.Equal(10, p));
        Assert.Empty(kept.Assignments);
    }

    [Fact]
    public void SmallFacesAndUnsureOnes_NeverMakeAPerson()
    {
        var small = Enumerable.Range(1, 4).Select(i => Face(i, i, 0, 0.05f * i) with { Size = 40 }).ToList();
        var unsure = Enumerable.Range(1, 4).Select(i => Face(i, i, 0, 0.05f * i) with { Score = 0.7f }).ToList();

        Assert.Empty(Grouping.Group(small, new HashSet<long>(), regroup: false).Assignments);
        Assert.Empty(Grouping.Group(unsure, new HashSet<long>(), regroup: false).Assignments);
    }

    [Fact]
    public void AChainOfLookAlikes_IsNotOnePerson_EveryTwoFacesMustBeClose()
    {
        // Each face 0.4 from the next along a line: neighbours are close, the ends 0.8 apart.
        var chain = Enumerable.Range(0, 3).Select(i => new GroupFace(i + 1, i + 1, Unit([1, 0.4f * i]), 1, 80, 0.99f, null, false)).ToList();

        Assert.Empty(Grouping.Group(chain, new HashSet<long>(), regroup: false).Assignments);
    }

    /// <summary>Three faces of three photos near direction <paramref name="direction"/>, already person <paramref name="id"/>.</summary>
    private static IEnumerable<GroupFace> Person(long id, int direction, int firstPhoto) =>
        Enumerable.Range(0, 3).Select(i => Face(id + i, 1000 + firstPhoto + i + id, direction, 0.05f * (i + 1)) with { Person = id });

    /// <summary>A face along axis <paramref name="direction"/>, bent by <paramref name="offset"/> towards axis 7 (about that far from the axis, in dlib's units).</summary>
    private static GroupFace Face(long id, long photo, int direction, float offset)
    {
        var vector = new float[8];
        vector[direction] = 1;
        vector[7] = offset;
        return new GroupFace(id, photo, Unit(vector), 1, 80, 0.99f, null, false);
    }

    private static float[] Unit(float[] vector)
    {
        var padded = new float[8];
        vector.CopyTo(padded, 0);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(padded);
        return [.. padded.Select(v => v / norm)];
    }
}
