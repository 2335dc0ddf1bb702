using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Retrieval.Web.Contracts;

/// <summary>Source-generated JSON for every API type (camelCase, enums as names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(TimelineResponse))]
[JsonSerializable(typeof(MonthResponse))]
[JsonSerializable(typeof(OnThisDayResponse))]
[JsonSerializable(typeof(MapResponse))]
[JsonSerializable(typeof(CaptionResponse))]
[JsonSerializable(typeof(PhotoResponse))]
[JsonSerializable(typeof(FramesResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(IndexResponse))]
[JsonSerializable(typeof(DuplicatesResponse))]
[JsonSerializable(typeof(PlacesResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(PeopleResponse))]
[JsonSerializable(typeof(PersonResponse))]
[JsonSerializable(typeof(PersonDetailsResponse))]
[JsonSerializable(typeof(PersonUpdate))]
[JsonSerializable(typeof(MergeRequest))]
[JsonSerializable(typeof(FaceUpdate))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
