using ModeSharp.Cli;

return await ModeSharpCommand.InvokeAsync(args).ConfigureAwait(false);
