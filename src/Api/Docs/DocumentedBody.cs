namespace Reminders.Api.Docs;

/// <summary>
/// The JSON body a handler reads by hand, as endpoint metadata for <see cref="DocumentedBodyTransformer"/>. Not
/// <c>Accepts</c>: its metadata would make routing answer a wrong Content-Type with a bare 415 before the handler
/// could explain it, and refuse the <c>+json</c> types the handler reads.
/// </summary>
public sealed record DocumentedBody(Type Type, bool IsOptional);
