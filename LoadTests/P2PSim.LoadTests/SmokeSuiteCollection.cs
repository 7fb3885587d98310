namespace P2PSim.LoadTests;

/// <summary>The smoke suite runs once for the report tests and the browser check together.</summary>
[CollectionDefinition(Name)]
public sealed class SmokeSuiteCollection : ICollectionFixture<SmokeSuiteFixture>
{
    public const string Name = "smoke suite";
}
