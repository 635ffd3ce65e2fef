using Microsoft.Extensions.Options;
using PrivClust.Net.Security;

namespace PrivClust.Net.Dealer;

/// <summary>Checks the dealer's configuration at start; every problem is named with its setting.</summary>
public sealed class DealerOptionsValidator : IValidateOptions<DealerOptions>
{
    public ValidateOptionsResult Validate(string? name, DealerOptions options)
    {
        var failures = new List<string>(options.Transport.Problems("Dealer"));
        foreach ((string setting, string pin) in new[] { ("Dealer:PartyA", options.PartyA), ("Dealer:PartyB", options.PartyB) })
        {
            try
            {
                IdentityPin.Parse(pin);
            }
            catch (FormatException e)
            {
                failures.Add($"{setting}: {e.Message}");
            }
        }
        if (!options.Transport.InsecureDev && string.Equals(options.PartyA, options.PartyB, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Dealer:PartyA and Dealer:PartyB name the same identity; one identity never gets both seeds.");
        }
        if (options.SessionIdleTimeout <= TimeSpan.Zero || options.SweepInterval <= TimeSpan.Zero || options.MaxCorrectionBytesPerRequest <= 0)
        {
            failures.Add("Dealer:SessionIdleTimeout, Dealer:SweepInterval and Dealer:MaxCorrectionBytesPerRequest must be positive.");
        }
        if (options.MarksKept < 3)
        {
            failures.Add("Dealer:MarksKept must be at least 3 (party b resumes from its latest written checkpoint, and may have sent two marks after it).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
