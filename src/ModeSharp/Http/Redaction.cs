using System.Text;

namespace ModeSharp.Http;

/// <summary>Keeps secrets out of anything a person or a log will read.</summary>
internal static class Redaction
{
    // Query parameters whose values may be credentials or signatures (presigned storage URLs carry them).
    private static readonly string[] SensitiveNames =
        ["secret", "password", "token", "signature", "sig", "key", "credential", "auth", "x-amz-security-token"];

    /// <summary>Path and query of a URI with user info dropped and sensitive query values masked.</summary>
    public static string SafePath(Uri uri)
    {
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Contains('?', StringComparison.Ordinal) ? "?" + uri.OriginalString.Split('?', 2)[1] : "");
        if (query.Length <= 1)
        {
            return path;
        }

        var builder = new StringBuilder(path).Append('?');
        var first = true;
        foreach (var pair in query[1..].Split('&'))
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var sensitive = SensitiveNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase));
            builder.Append(sensitive && eq >= 0 ? name + "=***" : pair);
        }

        return builder.ToString();
    }

    /// <summary>Origin and safe path, for messages about another host.</summary>
    public static string SafeUrl(Uri uri) =>
        uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Authority}{SafePath(uri)}" : SafePath(uri);

    /// <summary>Replaces every form of the secret in text that came from outside (error bodies).</summary>
    public static string Scrub(string text, ModeCredentials? credentials)
    {
        if (credentials is null || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var form in credentials.SecretForms())
        {
            if (form.Length > 0)
            {
                text = text.Replace(form, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
