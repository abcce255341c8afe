using System.CommandLine;
using ModeSharp.Results;

namespace ModeSharp.Cli.Commands;

/// <summary>
/// Runs a command body and turns what went wrong into one line on standard error and a documented exit code.
/// Messages come from ModeSharp's exceptions, which already name the report, run, status and Mode's message,
/// and never carry the secret.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ExitCodeFor(e, cancellationToken) is { } code)
            {
                await Console.Error.WriteLineAsync($"modesharp: {Describe(e)}").ConfigureAwait(false);
                return code;
            }
        });

    internal static int? ExitCodeFor(Exception e, CancellationToken cancellationToken) => e switch
    {
        CliException cli => cli.ExitCode,
        ModeApiException api when api.IsUnauthorized || api.IsForbidden => ExitCodes.Authentication,
        ModeApiException api when api.IsNotFound => ExitCodes.NotFound,
        ModeApiException api when api.Status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.UnprocessableEntity => ExitCodes.Usage,
        ModeApiException => ExitCodes.Network,
        ModeRunException => ExitCodes.RunFailed,
        CsvDataException => ExitCodes.MalformedData,
        ArgumentException => ExitCodes.Usage,
        HttpRequestException or IOException => ExitCodes.Network,
        OperationCanceledException when cancellationToken.IsCancellationRequested => 130,
        _ => null,
    };

    private static string Describe(Exception e) => e switch
    {
        // ArgumentException appends "(Parameter 'x')", which means nothing to a shell user.
        ArgumentException a when a.ParamName is not null => a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal),
        OperationCanceledException => "cancelled",
        _ => e.Message,
    };
}
