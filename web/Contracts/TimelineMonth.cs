namespace Retrieval.Web.Contracts;

/// <summary>One month of the timeline (1 to 12): how many photos, and the id of its newest, the cover (<c>/api/images/{cover}/thumbnail</c>).</summary>
public sealed record TimelineMonth(int Month, long Count, long Cover);
