namespace PrivClust.Core.Clustering;

/// <summary>A job parameter or a party's data does not fit the job: the message is one line naming the option or column.</summary>
public sealed class InvalidJobException : Exception
{
    public InvalidJobException(string message) : base(message) { }
}
