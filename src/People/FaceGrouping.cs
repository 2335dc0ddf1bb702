using System.Numerics.Tensors;
using Retrieval.Faces;

namespace Retrieval.People;

/// <summary>
/// Groups faces into people, carefully: a face joins a person only when it clearly belongs (its average distance to
/// their faces under the join distance, and no other person within the model's same-person distance); faces that belong
/// to nobody wait, and become a new person once at least <see cref="PeopleOptions.MinFaces"/> of them, from different
/// photos, large and clear enough to be told apart (<see cref="PeopleOptions.MinNewPersonFaceSize"/>,
/// <see cref="PeopleOptions.MinNewPersonScore"/>), hold together by complete linkage: every two of them within the join
/// distance, so a chain of look-alikes never becomes one person. Two faces of one photo are never one person. The re-grouping pass first
/// takes from each person the faces the user did not pin that no longer resemble them (or that another person now
/// clearly claims), and merges two people the grouping made when every two of their faces are close (complete linkage:
/// a look-alike stays apart rather than two people merging), never two people the user had a say in.
/// </summary>
public sealed class FaceGrouping
{
    private readonly FaceMetric _metric;
    private readonly PeopleOptions _options;
    private readonly float _join;
    private readonly float _merge;

    /// <summary>Groups faces compared by <paramref name="metric"/>, as <paramref name="options"/> say.</summary>
    public FaceGrouping(FaceMetric metric, PeopleOptions options)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(options);
        (_metric, _options) = (metric, options);
        _join = (float)(metric.SamePersonBelow * options.JoinShare);
        _merge = (float)(metric.SamePersonBelow * options.MergeShare);
    }

    /// <summary>
    /// One pass over <paramref name="faces"/> (every face that may belong to someone, with the person it has); the people of
    /// <paramref name="decided"/> were named or shaped by the user. With <paramref name="regroup"/>, the re-grouping pass.
    /// </summary>
    public GroupingResult Group(IReadOnlyList<GroupFace> faces, IReadOnlySet<long> decided, bool regroup)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(decided);
        if (faces.Count == 0)
        {
            return new GroupingResult(new Dictionary<long, long?>());
        }

        var dimension = faces[0].Vector.Length;
        var people = new Dictionary<long, GroupedPerson>();
        foreach (var face in faces.Where(f => f.Person is not null))
        {
            if (!people.TryGetValue(face.Person!.Value, out var person))
            {
                people[face.Person.Value] = person = new GroupedPerson(face.Person.Value, dimension, _metric.Euclidean) { Decided = decided.Contains(face.Person.Value) };
            }

            person.Add(face);
            person.Decided |= face.Pinned;
        }

        var assignments = new Dictionary<long, long?>();
        if (regroup)
        {
            Release(people, assignments);
            MergeClose(people, assignments);
        }

        var waiting = faces.Where(f => (assignments.TryGetValue(f.Id, out var now) ? now : f.Person) is null).ToList();
        var newId = 0L;
        while (waiting.Count > 0)
        {
            waiting = [.. waiting.Where(face => !Join(face, people, assignments))];
            var pool = waiting.Where(f => f.Size >= _options.MinNewPersonFaceSize && f.Score >= _options.MinNewPersonScore).Take(_options.MaxPool).ToList();
            foreach (var group in Cluster(pool).Where(g => g.Count >= _options.MinFaces))
            {
                var person = new GroupedPerson(--newId, dimension, _metric.Euclidean);
                foreach (var face in group)
                {
                    person.Add(face);
                    assignments[face.Id] = person.Id;
                }

                people[person.Id] = person;
            }

            // A pooled face that formed no person waits for the next pass, as does a face too small to help make one; the
            // rest of the queue is joined and pooled next.
            var pooled = pool.Count == 0 ? waiting.Count : waiting.IndexOf(pool[^1]) + 1;
            waiting = [.. waiting.Skip(pooled)];
        }

        return new GroupingResult(assignments);
    }

    /// <summary>Gives <paramref name="face"/> to the person it clearly belongs to, if any.</summary>
    private bool Join(GroupFace face, Dictionary<long, GroupedPerson> people, Dictionary<long, long?> assignments)
    {
        var (best, distance) = Nearest(face, people.Values, except: null);
        if (best is null || distance >= _join)
        {
            return false;
        }

        best.Add(face);
        assignments[face.Id] = best.Id;
        return true;
    }

    /// <summary>
    /// The person nearest <paramref name="face"/> on average (other than <paramref name="except"/>, and not in its photo),
    /// or null when none is within the same-person distance or a second one is too (then it is not clear whose it is).
    /// </summary>
    private (GroupedPerson? Person, float Distance) Nearest(GroupFace face, IEnumerable<GroupedPerson> people, GroupedPerson? except)
    {
        GroupedPerson? best = null;
        float bestDistance = float.PositiveInfinity, second = float.PositiveInfinity;
        foreach (var person in people)
        {
            if (person == except || person.Count == 0 || person.IsIn(face.PhotoId) || LowerBound(face, person) >= _metric.SamePersonBelow)
            {
                continue;
            }

            var distance = Average(face, person);
            if (distance < bestDistance)
            {
                (second, bestDistance, best) = (bestDistance, distance, person);
            }
            else if (distance < second)
            {
                second = distance;
            }
        }

        return second < _metric.SamePersonBelow ? (null, bestDistance) : (best, bestDistance);
    }

    /// <summary>Takes from each person the faces (not pinned) that no longer resemble them, or that another person clearly claims.</summary>
    private void Release(Dictionary<long, GroupedPerson> people, Dictionary<long, long?> assignments)
    {
        foreach (var person in people.Values.ToList())
        {
            foreach (var face in person.Faces.Where(f => !f.Pinned).ToList())
            {
                if (person.Count < 2)
                {
                    break;
                }

                var own = Average(face, person);
                var (other, distance) = Nearest(face, people.Values, except: person);
                if (other is not null && distance < _join && distance < own - (0.1f * _metric.SamePersonBelow))
                {
                    person.Remove(face);
                    other.Add(face);
                    assignments[face.Id] = other.Id;
                }
                else if (own >= _metric.SamePersonBelow)
                {
                    person.Remove(face);
                    assignments[face.Id] = null;
                }
            }
        }
    }

    /// <summary>
    /// Merges pairs of people every two of whose faces are close (complete linkage, as new people are made), closest first;
    /// at most one of a pair may be the user's.
    /// </summary>
    private void MergeClose(Dictionary<long, GroupedPerson> people, Dictionary<long, long?> assignments)
    {
        var list = people.Values.Where(p => p.Count > 0).ToList();
        var pairs = new List<(GroupedPerson A, GroupedPerson B, float Distance)>();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if ((a.Decided && b.Decided) || CentroidDistance(a, b) >= _merge || a.SharesPhotoWith(b))
                {
                    continue;
                }

                if (Linkage(a, b) is var distance && distance < _merge)
                {
                    pairs.Add((a, b, distance));
                }
            }
        }

        var merged = new HashSet<GroupedPerson>();
        foreach (var (a, b, _) in pairs.OrderBy(p => p.Distance))
        {
            if (merged.Contains(a) || merged.Contains(b))
            {
                continue;
            }

            // The user's person, else the larger, keeps their id; the other is left without faces and goes.
            var (into, from) = a.Decided || (!b.Decided && (a.Count > b.Count || (a.Count == b.Count && a.Id < b.Id))) ? (a, b) : (b, a);
            foreach (var face in from.Faces.ToList())
            {
                from.Remove(face);
                into.Add(face);
                assignments[face.Id] = into.Id;
            }

            merged.Add(a);
            merged.Add(b);
        }
    }

    /// <summary>
    /// Complete-linkage clustering of <paramref name="pool"/> (nearest-neighbour chain), merging only below the join
    /// distance, with two faces of one photo never together (their distance is infinite and stays so in every merge).
    /// </summary>
    private List<List<GroupFace>> Cluster(List<GroupFace> pool)
    {
        var n = pool.Count;
        var distances = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distances[(i * n) + j] = distances[(j * n) + i] = pool[i].PhotoId == pool[j].PhotoId
                    ? float.PositiveInfinity
                    : _metric.Distance(pool[i].Vector, pool[i].Norm, pool[j].Vector, pool[j].Norm);
            }
        }

        var members = pool.Select(f => new List<GroupFace> { f }).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var done = new List<List<GroupFace>>();
        var chain = new List<int>();
        var remaining = n;
        while (remaining > 0)
        {
            if (chain.Count == 0)
            {
                chain.Add(Array.IndexOf(active, true));
            }

            var top = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            var (nearest, distance) = (previous, previous >= 0 ? distances[(top * n) + previous] : float.PositiveInfinity);
            for (var k = 0; k < n; k++)
            {
                if (active[k] && k != top && distances[(top * n) + k] < distance)
                {
                    (nearest, distance) = (k, distances[(top * n) + k]);
                }
            }

            if (nearest < 0 || distance >= _join)
            {
                // Nothing is near enough, and merges never bring anything nearer (complete linkage is reducible): it is whole.
                done.Add(members[top]);
                active[top] = false;
                remaining--;
                chain.RemoveAt(chain.Count - 1);
            }
            else if (nearest == previous)
            {
                chain.RemoveRange(chain.Count - 2, 2);
                Merge(distances, members, active, n, top, nearest);
                remaining--;
            }
            else
            {
                chain.Add(nearest);
            }
        }

        return done;
    }

    /// <summary>Merges cluster <paramref name="j"/> into <paramref name="i"/>, its distance to each other cluster the larger of theirs (Lance–Williams, complete linkage).</summary>
    private static void Merge(float[] distances, List<GroupFace>[] members, bool[] active, int n, int i, int j)
    {
        for (var k = 0; k < n; k++)
        {
            if (active[k] && k != i && k != j)
            {
                distances[(i * n) + k] = distances[(k * n) + i] = Math.Max(distances[(i * n) + k], distances[(j * n) + k]);
            }
        }

        members[i].AddRange(members[j]);
        active[j] = false;
    }

    /// <summary>The average distance of <paramref name="face"/> to <paramref name="person"/>'s other faces.</summary>
    private float Average(GroupFace face, GroupedPerson person)
    {
        var member = person.Faces.Contains(face);
        var others = person.Count - (member ? 1 : 0);
        if (others == 0)
        {
            return float.PositiveInfinity;
        }

        if (!_metric.Euclidean)
        {
            // The mean of 1 − cos over the others is 1 − the dot with their mean (a member's own dot with itself is 1).
            return 1 - ((TensorPrimitives.Dot(face.Vector, person.Sum) - (member ? 1 : 0)) / others);
        }

        var sum = 0f;
        foreach (var other in person.Faces)
        {
            if (other != face)
            {
                sum += _metric.Distance(face.Vector, face.Norm, other.Vector, other.Norm);
            }
        }

        return sum / others;
    }

    /// <summary>
    /// A distance <paramref name="face"/>'s average distance to <paramref name="person"/> (whom it is not one of) is at least:
    /// exact for cosine; for Euclidean the distance to their mean descriptor (the mean of distances is never below it).
    /// </summary>
    private float LowerBound(GroupFace face, GroupedPerson person)
    {
        if (!_metric.Euclidean)
        {
            return 1 - (TensorPrimitives.Dot(face.Vector, person.Sum) / person.Count);
        }

        var squared = 0f;
        for (var i = 0; i < face.Vector.Length; i++)
        {
            var difference = (face.Vector[i] * face.Norm) - (person.Sum[i] / person.Count);
            squared += difference * difference;
        }

        return MathF.Sqrt(squared);
    }

    /// <summary>A lower bound of the distances between two people's faces: their average's (exact for cosine), so of the largest too.</summary>
    private float CentroidDistance(GroupedPerson a, GroupedPerson b)
    {
        if (!_metric.Euclidean)
        {
            return 1 - (TensorPrimitives.Dot(a.Sum, b.Sum) / (a.Count * b.Count));
        }

        var squared = 0f;
        for (var i = 0; i < a.Sum.Length; i++)
        {
            var difference = (a.Sum[i] / a.Count) - (b.Sum[i] / b.Count);
            squared += difference * difference;
        }

        return MathF.Sqrt(squared);
    }

    /// <summary>The largest distance between a face of one person and one of the other (complete linkage).</summary>
    private float Linkage(GroupedPerson a, GroupedPerson b)
    {
        var largest = 0f;
        foreach (var face in a.Faces)
        {
            foreach (var other in b.Faces)
            {
                largest = Math.Max(largest, _metric.Distance(face.Vector, face.Norm, other.Vector, other.Norm));
            }
        }

        return largest;
    }
}
