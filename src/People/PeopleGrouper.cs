using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Faces;

namespace Retrieval.People;

/// <summary>
/// Groups an index's faces into people and records it in the catalog: the faces of photos read again first take over the
/// decisions about the old faces they cover (so names, merges, moves and "not a person" survive re-indexing), then a
/// grouping pass (<see cref="FaceGrouping"/>) runs over every face's stored descriptor, and people left without faces go.
/// </summary>
public sealed class PeopleGrouper(PeopleOptions options)
{
    /// <summary>
    /// One pass (with <paramref name="regroup"/>, the re-grouping pass) over <paramref name="index"/>'s faces; returns how many
    /// new people it made. An index without faces is left as it is.
    /// </summary>
    public async Task<int> GroupAsync(PhotoIndex index, bool regroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Collection(FaceAnalyzer.Collection) is not { } collection)
        {
            return 0;
        }

        var catalog = index.Catalog;
        catalog.InTransaction(() => CarryDecisions(catalog));
        var stored = catalog.Faces();
        var faces = new List<GroupFace>(stored.Count);
        var boxes = new Dictionary<long, (long PhotoId, string Box)>(stored.Count);
        foreach (var face in stored)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (face.State == FaceState.NotAPerson || FaceItem.FromPayload(face.Payload) is not { } item
                || await collection.Vectors.GetVectorAsync(face.Id, cancellationToken).ConfigureAwait(false) is not { } vector)
            {
                continue;
            }

            faces.Add(new GroupFace(face.Id, face.PhotoId, vector, item.DescriptorNorm, item.Box.ShortSide, item.Score, face.PersonId, face.State == FaceState.Pinned));
            boxes[face.Id] = (face.PhotoId, FaceOverlap.Format(item.Box));
        }

        var decided = catalog.People().Where(p => p.Name is not null || p.Hidden).Select(p => p.Id).ToHashSet();
        var result = new FaceGrouping(FaceMetric.ForModel(collection.Kind.ModelId).With(options.Distance, options.SamePersonBelow), options).Group(faces, decided, regroup);
        catalog.InTransaction(() =>
        {
            var made = new Dictionary<long, long>();
            foreach (var (face, person) in result.Assignments.OrderBy(a => a.Key))
            {
                long? id = person is < 0 ? made.TryGetValue(person.Value, out var known) ? known : made[person.Value] = catalog.AddPerson() : person;
                catalog.DecideFace(face, boxes[face].PhotoId, id, FaceState.Auto, boxes[face].Box);
            }

            catalog.RemoveEmptyPeople();
        });
        return result.NewPeople;
    }

    /// <summary>Each new face of a photo read again takes over the decision about the old face it overlaps most; the old decisions go.</summary>
    private static void CarryDecisions(ICatalog catalog)
    {
        var orphans = catalog.OrphanDecisions();
        if (orphans.Count == 0)
        {
            return;
        }

        var undecided = catalog.Faces().Where(f => f.State is null).GroupBy(f => f.PhotoId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var orphan in orphans)
        {
            if (FaceOverlap.Parse(orphan.Box) is not { } old || !undecided.TryGetValue(orphan.PhotoId, out var faces))
            {
                continue;
            }

            var heir = faces.Select(f => (Face: f, Box: FaceItem.FromPayload(f.Payload)?.Box))
                .Where(c => c.Box is { } box && FaceOverlap.Of(old, box) >= FaceOverlap.SameFace)
                .OrderByDescending(c => FaceOverlap.Of(old, c.Box!.Value)).FirstOrDefault();
            if (heir.Face is { } face)
            {
                catalog.DecideFace(face.Id, face.PhotoId, orphan.PersonId, orphan.State, FaceOverlap.Format(heir.Box!.Value));
                faces.Remove(face);
            }
        }

        catalog.ForgetDecisions([.. orphans.Select(o => o.FaceId)]);
    }
}
