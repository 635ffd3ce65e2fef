namespace PrivClust.Cli.Bench;

/// <summary>A place a benchmark process runs: the launcher prefix (empty: started directly) and the address it listens on.</summary>
public sealed record Site(IReadOnlyList<string> Launcher, string Host)
{
    public static Site Local { get; } = new([], "127.0.0.1");

    /// <summary>Parses <c>HOST</c> or <c>HOST=LAUNCHER WORDS</c>, e.g. <c>10.77.0.2=ip netns exec pc-b</c>.</summary>
    public static Site Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Local;
        }
        int split = text.IndexOf('=', StringComparison.Ordinal);
        string host = (split < 0 ? text : text[..split]).Trim();
        string[] launcher = split < 0 ? [] : text[(split + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Site(launcher, host);
    }
}
