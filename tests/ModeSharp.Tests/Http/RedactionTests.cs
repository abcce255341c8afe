using ModeSharp.Http;

namespace ModeSharp.Tests.Http;

public class RedactionTests
{
    [Fact]
    public void Signed_query_values_are_masked_and_the_rest_kept()
    {
        var path = Redaction.SafePath(new Uri("http://127.0.0.1:5000/_storage/ws/r/run/-/content.csv?expires=123&signature=abcdef&X-Amz-Signature=zz&page=2"));

        Assert.Equal("/_storage/ws/r/run/-/content.csv?expires=123&signature=***&X-Amz-Signature=***&page=2", path);
    }

    [Fact]
    public void User_info_never_reaches_a_safe_url()
    {
        var url = Redaction.SafeUrl(new Uri("https://user:pass@example.com/api/ws?secret=s"));

        Assert.DoesNotContain("pass", url, StringComparison.Ordinal);
        Assert.Equal("https://example.com/api/ws?secret=***", url);
    }

    [Fact]
    public void Every_form_of_the_secret_is_scrubbed_from_outside_text()
    {
        var credentials = new ModeCredentials("tok", "s3cr3t-value");
        var header = credentials.ToAuthorizationHeader().Parameter!;

        var text = Redaction.Scrub($"echo s3cr3t-value and Basic {header}", credentials);

        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(header, text, StringComparison.Ordinal);
    }
}
