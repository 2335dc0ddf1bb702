namespace Retrieval.Web.Contracts;

/// <summary>The body of <c>PUT /api/faces/{id}</c>: the person the face is (null: nobody), or that it is no person's face at all.</summary>
public sealed record FaceUpdate(long? Person, bool NotAPerson);
