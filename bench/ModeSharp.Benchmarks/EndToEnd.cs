namespace ModeSharp.Benchmarks;

public static class EndToEnd
{
    public static Task<int> RunAllAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("end to end: not yet");
        return Task.FromResult(0);
    }

    public static Task<int> ChildAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
