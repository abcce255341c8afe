namespace ModeSharp.Api;

/// <summary>A HAL link: <c>{"href": "...", "templated": true}</c>. Hrefs are usually relative (<c>/api/{ws}/...</c>).</summary>
/// <param name="Href">The target, relative or absolute.</param>
/// <param name="Templated">Whether the href holds <c>{placeholders}</c>.</param>
public sealed record HalLink(string Href, bool Templated = false);
