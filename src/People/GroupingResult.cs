namespace Retrieval.People;

/// <summary>
/// What a grouping pass decided: for each face whose person changed, its person now — an existing person's id, a new
/// person's (negative: −1, −2, … for the people this pass made), or null (taken from a person it no longer resembles).
/// </summary>
public sealed record GroupingResult(IReadOnlyDictionary<long, long?> Assignments)
{
    /// <summary>How many new people the pass made.</summary>
    public int NewPeople => Assignments.Values.Where(p => p < 0).Distinct().Count();
}
