using Retrieval.Catalog;

namespace Retrieval.People;

/// <summary>The people of a library, most faces first, and how many faces belong to nobody yet.</summary>
public sealed record PeopleList(IReadOnlyList<PersonSummary> People, long Unassigned);
