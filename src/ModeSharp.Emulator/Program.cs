using ModeSharp.Emulator;

// Standalone: dotnet run --project src/ModeSharp.Emulator -- --urls http://127.0.0.1:5080
return await ModeEmulator.RunStandaloneAsync(args).ConfigureAwait(false);
