namespace Retrieval.Web.Contracts;

/// <summary>The people of the library, most faces first, and how many faces belong to nobody yet (<c>Unassigned</c>).</summary>
public sealed record PeopleResponse(IReadOnlyList<PersonResponse> People, long Unassigned);
