using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using ModeSharp;

// In the DI namespace, as ASP.NET Core's own Add* extensions are, so `services.AddModeClient` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ModeClient"/> with dependency injection, on an <c>IHttpClientFactory</c> client.</summary>
public static class ModeServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> registered for the Mode client.</summary>
    public const string HttpClientName = "ModeSharp";

    /// <summary>
    /// Registers <see cref="ModeClient"/> configured from a configuration section with the keys <c>BaseAddress</c>,
    /// <c>Workspace</c>, <c>Token</c>, <c>Secret</c>, <c>UserAgent</c>, <c>RequestTimeout</c>, <c>ExportTimeout</c>,
    /// <c>ReadIdleTimeout</c>, <c>MaxZipBytes</c>, <c>ReadAheadBytes</c>, <c>Retry:*</c> and <c>RunWait:*</c>. Missing <c>Token</c>, <c>Secret</c>, <c>Workspace</c> and
    /// <c>BaseAddress</c> fall back to <c>MODE_TOKEN</c>, <c>MODE_SECRET</c>, <c>MODE_WORKSPACE</c> and <c>MODE_BASE_URL</c>,
    /// so the secret can stay out of files.
    /// </summary>
    /// <returns>The HTTP client builder, to add handlers. Do not add a retry handler: the client already retries.</returns>
    public static IHttpClientBuilder AddModeClient(this IServiceCollection services, IConfiguration configuration, Action<ModeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddModeClient(options =>
        {
            Bind(configuration, options, Environment.GetEnvironmentVariable);
            configure?.Invoke(options);
        });
    }

    /// <summary>Registers <see cref="ModeClient"/> configured in code.</summary>
    /// <returns>The HTTP client builder, to add handlers. Do not add a retry handler: the client already retries.</returns>
    public static IHttpClientBuilder AddModeClient(this IServiceCollection services, Action<ModeClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ModeClientOptions>().Configure(configure);
        return services
            .AddHttpClient(HttpClientName)
            .AddTypedClient((http, provider) =>
            {
                var options = provider.GetRequiredService<IOptions<ModeClientOptions>>().Value;
                if (options.LoggerFactory is null && provider.GetService<ILoggerFactory>() is { } loggers)
                {
                    options.LoggerFactory = loggers;
                }

                return new ModeClient(http, options);
            })
            .ConfigurePrimaryHttpMessageHandler(ModeClient.CreateHttpHandler)
            // Exports can take minutes before the first byte; ModeClientOptions' own timeouts govern instead.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }

    internal static void Bind(IConfiguration configuration, ModeClientOptions options, Func<string, string?> getVariable)
    {
        var (baseAddress, baseAddressSource) = configuration["BaseAddress"] is { Length: > 0 } configured
            ? (configured, "Configuration value " + Path(configuration, "BaseAddress"))
            : (getVariable(ModeClientOptions.BaseUrlVariable), ModeClientOptions.BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseAddress))
        {
            options.BaseAddress = Uri.TryCreate(baseAddress.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{baseAddressSource} '{baseAddress}' is not an absolute URL.");
        }

        options.Workspace = configuration["Workspace"] is { Length: > 0 } workspace ? workspace : options.Workspace ?? getVariable(ModeClientOptions.WorkspaceVariable);
        var token = configuration["Token"] ?? configuration["Credentials:Token"] ?? getVariable(ModeCredentials.TokenVariable);
        var secret = configuration["Secret"] ?? configuration["Credentials:Secret"] ?? getVariable(ModeCredentials.SecretVariable);
        if (!string.IsNullOrWhiteSpace(token) && !string.IsNullOrEmpty(secret))
        {
            options.Credentials = new ModeCredentials(token, secret);
        }

        if (configuration["UserAgent"] is { Length: > 0 } userAgent)
        {
            options.UserAgent = userAgent;
        }

        options.RequestTimeout = configuration.GetValue("RequestTimeout", options.RequestTimeout);
        options.ExportTimeout = configuration.GetValue("ExportTimeout", options.ExportTimeout);
        options.ReadIdleTimeout = configuration.GetValue("ReadIdleTimeout", options.ReadIdleTimeout);
        options.MaxZipBytes = configuration.GetValue("MaxZipBytes", options.MaxZipBytes);
        options.ReadAheadBytes = configuration.GetValue("ReadAheadBytes", options.ReadAheadBytes);
        configuration.GetSection("Retry").Bind(options.Retry);
        configuration.GetSection("RunWait").Bind(options.RunWait);
    }

    private static string Path(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section ? section.Path + ":" + key : key;
}
