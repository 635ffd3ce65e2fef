namespace PrivClust.Cli.Commands;

/// <summary>Exit codes of DESIGN §7.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int UsageOrDataError = 2;
}
