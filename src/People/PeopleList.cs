using Retrieval.Catalog;

namespace Retrieval.People;

/// <summary>The people of a library, most faces first, each with the paths of their photos (newest first), and how many faces belong to nobody yet.</summary>
public sealed record PeopleList(IReadOnlyList<(PersonSummary Person, IReadOnlyList<string> Photos)> People, long Unassigned);
