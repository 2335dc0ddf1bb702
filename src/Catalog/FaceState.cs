namespace Retrieval.Catalog;

/// <summary>Who decided a face's person (its <c>face_people</c> row's state).</summary>
public static class FaceState
{
    /// <summary>The grouping: it may move the face again as the library grows.</summary>
    public const string Auto = "auto";

    /// <summary>The user (a merge, a move): the grouping never undoes it.</summary>
    public const string Pinned = "pinned";

    /// <summary>The user said it is not a person's face (a statue, a poster): it is never grouped.</summary>
    public const string NotAPerson = "not-a-person";

    /// <summary>Whether <paramref name="state"/> is one of the states.</summary>
    public static bool IsKnown(string? state) => state is Auto or Pinned or NotAPerson;
}
